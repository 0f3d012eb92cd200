namespace Synkro.Hosting.Orchestration.Processes;

/// <summary>
/// One resource's console output, timestamped, in <c>logs/{resource}.log</c> under the run directory.
/// The last lines stay in memory so a failure can be explained without opening the file.
/// </summary>
internal sealed class ResourceLog : IDisposable
{
    private const int TailLines = 20;
    private readonly StreamWriter writer;
    private readonly Queue<string> tail = new();
    private readonly Lock gate = new();

    public ResourceLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public void Write(string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            writer.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {source}: {line}");
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }

    /// <summary>The most recent non-empty line, the usual place a server says why it failed.</summary>
    public string? LastLine()
    {
        lock (gate)
        {
            return tail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }
}
