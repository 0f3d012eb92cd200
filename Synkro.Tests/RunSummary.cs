using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

/// <summary>
/// The last lines of a run name every failed test and why, since after a red CI run its tail is
/// all there is to read. Outside any namespace, so NUnit runs it around the whole assembly.
/// </summary>
[SetUpFixture]
public sealed class RunSummary
{
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
    }

    private static IEnumerable<ITestResult> Leaves(ITestResult result) =>
        result.HasChildren ? result.Children.SelectMany(Leaves) : [result];

    private static string FirstLine(string? message)
    {
        var line = (message ?? "").Trim().Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
