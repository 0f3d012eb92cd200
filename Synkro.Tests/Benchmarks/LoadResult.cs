namespace Synkro.Tests.Benchmarks;

/// <summary>One timed run: what succeeded and failed in the window, and every latency measured.</summary>
public sealed record LoadRun(long Succeeded, long Failed, TimeSpan Duration, List<double> LatenciesMs);

/// <summary>Several runs of the same kind taken together: operations per second over all their windows, and latency percentiles over all their samples.</summary>
public sealed record LoadResult(double PerSecond, long Failed, double P50Milliseconds, double P99Milliseconds)
{
    public static LoadResult Of(IReadOnlyList<LoadRun> runs)
    {
        var latencies = runs.SelectMany(r => r.LatenciesMs).Order().ToList();
        return new LoadResult(
            runs.Sum(r => r.Succeeded) / runs.Sum(r => r.Duration.TotalSeconds),
            runs.Sum(r => r.Failed),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99));
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
