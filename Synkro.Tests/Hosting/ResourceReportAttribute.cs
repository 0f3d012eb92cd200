using System.Collections.Concurrent;
using NUnit.Framework.Interfaces;

namespace Synkro.Tests.Hosting;

/// <summary>
/// When a test fails, its output gets the state of every resource of each system it ran (or that
/// ran under it), the last console lines of each resource that is not healthy, and the last few
/// lines the healthy ones logged during the test: `dotnet test` prints that under the failure, so
/// CI's log tail names the resource and shows its log.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ResourceReportAttribute : Attribute, ITestAction
{
    private const int LinesOfHealthy = 5;

    // A test's own system is disposed before the test's result is known: its report is taken then.
    private static readonly ConcurrentQueue<(string Test, string Report)> Disposed = new();

    // Tests run one at a time (none is [Parallelizable]), so one start time is enough.
    private static DateTime started = DateTime.UtcNow;

    public ActionTargets Targets => ActionTargets.Test;

    /// <summary>Called by <see cref="SynkroApp.DisposeAsync"/>: what the system looked like as the test let go of it.</summary>
    internal static void Keep(SynkroApp app) => Disposed.Enqueue((TestContext.CurrentContext.Test.ID, Report(app)));

    public void BeforeTest(ITest test)
    {
        Disposed.Clear();
        started = DateTime.UtcNow;
    }

    public void AfterTest(ITest test)
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            foreach (var report in SynkroApp.Live.Keys.Select(Report).Concat(Disposed.Where(d => d.Test == test.Id).Select(d => d.Report)))
            {
                TestContext.Out.WriteLine(report);
            }
        }

        Disposed.Clear();
    }

    private static string Report(SynkroApp app) =>
        $"Resources of the system started at {SynkroApp.Live.GetValueOrDefault(app):HH:mm:ss} in {app.RunDirectory}, with console lines since the test began at {started:HH:mm:ss}:\n"
        + app.Describe(started, LinesOfHealthy);
}
