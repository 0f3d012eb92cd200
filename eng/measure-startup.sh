#!/usr/bin/env bash
# Time from `dotnet run --project Synkro.AppHost` to every resource healthy, on a built solution
# (Debug, as a developer's run): cold (a new run directory: initdb, the broker's first boot), warm (the
# same directory again: the goal's figure) and warm with --no-build, then the median warm run's timeline
# per resource. Prints Markdown. See Synkro.Tests/Benchmarks/StartupBenchmark.cs.
# Usage: eng/measure-startup.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Synkro.sln -v q -nologo > /dev/null
exec dotnet run --no-build --project Synkro.Tests -- bench startup "${1:-3}"
