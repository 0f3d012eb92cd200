using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Control;

/// <summary>The commands Aspire's dashboard offers on every resource that runs a process.</summary>
internal enum ResourceCommand
{
    Stop,
    Start,
    Restart,
}

internal static class ResourceCommands
{
    public static readonly IReadOnlyList<string> Names = ["stop", "start", "restart"];

    // Spelled out rather than Enum.TryParse, which would also accept "1" or "Stop, Start".
    public static ResourceCommand? Parse(string name) => name.ToLowerInvariant() switch
    {
        "stop" => ResourceCommand.Stop,
        "start" => ResourceCommand.Start,
        "restart" => ResourceCommand.Restart,
        _ => null,
    };
}

internal enum CommandOutcome
{
    /// <summary>Done when answered: a stop.</summary>
    Completed,

    /// <summary>Under way when answered: a start, whose health the caller follows in state.json.</summary>
    Accepted,

    NotFound,

    /// <summary>The resource takes no such command, or not in its current state, or the AppHost is stopping.</summary>
    Conflict,
}

/// <summary>What a command did, with the resource as it is afterwards (as in state.json).</summary>
internal sealed record CommandResult(CommandOutcome Outcome, ResourceSnapshot? Resource, string? Problem = null)
{
    public static CommandResult NotFound(string problem) => new(CommandOutcome.NotFound, null, problem);

    public static CommandResult Conflict(ResourceSnapshot resource, string problem) => new(CommandOutcome.Conflict, resource, problem);
}
