namespace Synkro.Hosting.Orchestration;

/// <summary>
/// An exclusive lock on the run directory for the AppHost's lifetime. The kernel drops it when the
/// AppHost dies, even by kill -9, so a held lock always means a live AppHost owns the directory.
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream stream;

    private RunLock(FileStream stream) => this.stream = stream;

    public static RunLock Acquire(RunDirectory directory)
    {
        try
        {
            var stream = new FileStream(directory.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(Environment.ProcessId);
            return new RunLock(stream);
        }
        catch (IOException)
        {
            var owner = File.ReadAllText(directory.LockFile).Trim();
            throw new AppHostException($"Run directory {directory.Root} is in use by another AppHost (pid {owner}); stop it or pass --run-dir.");
        }
    }

    public void Dispose() => stream.Dispose();
}
