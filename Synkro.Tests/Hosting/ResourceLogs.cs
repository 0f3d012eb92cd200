using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Synkro.Tests.Hosting;

/// <summary>
/// The last console lines of every resource instance (each replica on its own, which Aspire's own
/// forwarding to the host's logging does not tell apart), so that a failed test can show what a
/// server or service said just before. CI shows only the tail of the run's output: this goes there.
/// </summary>
public sealed partial class ResourceLogs(ResourceLoggerService service)
{
    // Enough that a noisy healthy service's warnings of the last seconds are still there.
    private const int Kept = 200;
    private readonly ConcurrentDictionary<string, Queue<ResourceLogLine>> lines = new();

    /// <summary>Starts keeping an instance's lines (once per instance; later calls do nothing).</summary>
    public void Watch(string instance, CancellationToken stop)
    {
        if (lines.TryAdd(instance, new Queue<ResourceLogLine>()))
        {
            _ = KeepAsync(instance, stop);
        }
    }

    private async Task KeepAsync(string instance, CancellationToken stop)
    {
        try
        {
            await foreach (var batch in service.WatchAsync(instance).WithCancellation(stop))
            {
                foreach (var line in batch)
                {
                    Add(instance, Colours().Replace(line.Content, ""));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the application is being disposed
        }
    }

    /// <summary>
    /// The last lines of an instance (at most <c>Kept</c>), oldest first; optionally only those since a
    /// time, or only warnings and errors (a level or an exception in the line).
    /// </summary>
    public IReadOnlyList<ResourceLogLine> Last(string instance, int count, DateTime? since = null, bool troubleOnly = false)
    {
        if (!lines.TryGetValue(instance, out var queue))
        {
            return [];
        }

        lock (queue)
        {
            return [.. queue.Where(l => (since is null || l.At >= since) && (!troubleOnly || Trouble().IsMatch(l.Text))).TakeLast(count)];
        }
    }

    private void Add(string instance, string text)
    {
        var queue = lines.GetOrAdd(instance, _ => new Queue<ResourceLogLine>());
        lock (queue)
        {
            queue.Enqueue(new ResourceLogLine(DateTime.UtcNow, text));
            while (queue.Count > Kept)
            {
                queue.Dequeue();
            }
        }
    }

    // Servers and the console logger colour their output; a CI log shows the escape codes as noise.
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colours();

    [GeneratedRegex(@"\b(fail|warn|error|crit|fatal|panic|exception)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Trouble();
}

public sealed record ResourceLogLine(DateTime At, string Text);
