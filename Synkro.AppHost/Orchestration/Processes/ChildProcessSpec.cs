namespace Synkro.Hosting.Orchestration.Processes;

/// <summary>What to run: the program, its arguments and environment, and the user to run it as.</summary>
internal sealed record ChildProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public Dictionary<string, string> Environment { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary>Run as this system user (PostgreSQL refuses root); null keeps the AppHost's user.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>The signal that asks the program to stop gracefully (PostgreSQL's fast shutdown is SIGINT).</summary>
    public int StopSignal { get; init; } = Posix.SigTerm;
}
