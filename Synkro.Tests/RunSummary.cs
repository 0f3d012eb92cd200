using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

/// <summary>
/// The last lines of a run name every failed test and why, since after a red CI run its tail is
/// all there is to read. Outside any namespace, so NUnit runs it around the whole assembly.
/// </summary>
[SetUpFixture]
public sealed class RunSummary
{
    private const int MessageLines = 80;

    [OneTimeTearDown]
    public async Task ListFailuresAsync()
    {
        var failed = Leaves(TestExecutionContext.CurrentContext.CurrentResult).Where(r => r.ResultState.Status == TestStatus.Failed).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        // vstest sends results in batches about a second apart and this message at once: waiting
        // lets the last failures' own output come first, so this list really is the tail.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var lines = failed.Select(r => $"  {r.FullName} [{r.Duration:0.0} s]: {FirstLine(r.Message)}");
        await TestContext.Error.WriteLineAsync($"{failed.Count} failed test(s):\n{string.Join('\n', lines)}");

        // A fixture's setup that failed (the shared system did not start) fails each of its tests with one
        // message: shown once, in full, last, since it carries the resources' states and console lines.
        foreach (var shared in failed.GroupBy(r => r.Message ?? "").Where(g => g.Count() > 1))
        {
            var message = string.Join('\n', shared.Key.Split('\n').Take(MessageLines));
            await TestContext.Error.WriteLineAsync($"{shared.Count()} of them failed with:\n{message}");
        }
    }

    private static IEnumerable<ITestResult> Leaves(ITestResult result) =>
        result.HasChildren ? result.Children.SelectMany(Leaves) : [result];

    private static string FirstLine(string? message)
    {
        var line = (message ?? "").Trim().Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
