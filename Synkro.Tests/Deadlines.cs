using System.Diagnostics;

namespace Synkro.Tests;

/// <summary>
/// Every deadline the tests wait with, in one place, sized for this 2-core machine running the
/// whole system while it tests. A wait polls for its condition and fails, saying what it saw, when
/// its deadline passes; none sleeps a fixed time in the hope that something happened meanwhile.
/// Durations that are what a test checks (a reservation's TTL, a rate-limit window) stay in the test.
/// </summary>
public static class Deadlines
{
    /// <summary>The whole system, from start to every resource healthy; a fresh machine installs server packages first.</summary>
    public static readonly TimeSpan SystemStart = TimeSpan.FromMinutes(4);

    /// <summary>A Synkro.AppHost process (the dll or `dotnet run`) to healthy, dashboard and all.</summary>
    public static readonly TimeSpan AppHostStart = TimeSpan.FromMinutes(5);

    /// <summary>A stopped resource started again, or a small subset of the system, to healthy.</summary>
    public static readonly TimeSpan ResourceStart = TimeSpan.FromMinutes(2);

    /// <summary>A resource or an AppHost, from Stop (or SIGTERM) to every process gone.</summary>
    public static readonly TimeSpan Stop = TimeSpan.FromMinutes(1);

    /// <summary>What the system does on its own after a request: an event delivered, an order's next status, a cache refilled.</summary>
    public static readonly TimeSpan Eventually = TimeSpan.FromSeconds(60);

    /// <summary>The system catching up after a kill or an outage: a restarted process redelivering, DCP cleaning up, backorders settling.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    /// <summary>One HTTP request.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Every test's own limit ([CancelAfter] on the assembly): the waits above end with it, so a stuck
    /// test fails with its name and what it waited for, long before `--blame-hang-timeout` kills the run.
    /// </summary>
    public const int Test = 8 * 60 * 1000;

    /// <summary>A token that ends at <paramref name="deadline"/> or when the test's own time is up, whichever comes first.</summary>
    public static CancellationTokenSource Within(TimeSpan deadline)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CurrentContext.CancellationToken);
        cts.CancelAfter(deadline);
        return cts;
    }

    /// <summary>A deadline to poll against: <see cref="Deadline.Passed"/> once it is reached or the test's time is up.</summary>
    public static Deadline In(TimeSpan deadline) => new(Stopwatch.StartNew(), deadline, TestContext.CurrentContext.CancellationToken);
}

public readonly record struct Deadline(Stopwatch Watch, TimeSpan Limit, CancellationToken Test)
{
    public bool Passed => Watch.Elapsed >= Limit || Test.IsCancellationRequested;

    public TimeSpan Elapsed => Watch.Elapsed;

    public override string ToString() => $"{Watch.Elapsed.TotalSeconds:0.0} s of {Limit.TotalSeconds:0} s";
}
