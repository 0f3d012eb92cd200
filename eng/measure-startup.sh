#!/usr/bin/env bash
# Measures the time from `dotnet run --project Synkro.AppHost` to every resource healthy
# (state.json says "status": "Healthy": every resource healthy, initdb done), on an already built solution.
#   cold: a new run directory (initdb, first broker boot); warm: the same directory again.
# Usage: eng/measure-startup.sh [runs]   (default 3). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dotnet build Synkro.sln -v q -nologo > /dev/null

now() { date +%s.%N; }

# measure DIR EXTRA_ARGS... -> seconds to healthy
measure() {
  local dir=$1; shift
  local start pid state
  start=$(now)
  dotnet run --project Synkro.AppHost "$@" -- --run-dir "$dir" > "$dir.log" 2>&1 &
  state="$dir/state.json"
  # A state.json left by the previous run says Healthy too: only this AppHost's counts.
  until [ -f "$state" ] && grep -q '"status": "Healthy"' "$state" && pid=$(grep -o '"appHostPid": [0-9]*' "$state" | grep -o '[0-9]*$') \
        && [ "$(cat /proc/"$pid"/cmdline 2>/dev/null | tr '\0' ' ' | grep -c -- "--run-dir $dir")" = 1 ]; do
    if ! jobs %% > /dev/null 2>&1; then echo "AppHost exited; see $dir.log" >&2; exit 1; fi
    sleep 0.05
  done
  awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'
  kill -TERM "$pid"
  wait 2> /dev/null || true
  # The next start must not share the CPU with this one's teardown (DCP stops every resource after
  # the AppHost has gone): wait until no DCP and no process of this run directory is left.
  for _ in $(seq 1 600); do
    pgrep -f "aspire.hosting.orchestration.*dcp" > /dev/null || pgrep -f -- "$dir" > /dev/null || break
    sleep 0.1
  done
}

# The machine's load is part of the result: a busy machine starts slower.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "| run | cold start (s) | warm start (s) | warm, --no-build (s) |"
echo "|---|---|---|---|"
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/synkro-startup.XXXXXX)
  chmod 755 "$dir"
  cold=$(measure "$dir")
  warm=$(measure "$dir")
  nobuild=$(measure "$dir" --no-build)
  echo "| $i | $cold | $warm | $nobuild |"
  rm -rf "$dir" "$dir.log"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
