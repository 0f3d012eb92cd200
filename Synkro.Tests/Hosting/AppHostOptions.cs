namespace Synkro.Tests.Hosting;

/// <summary>How the test host starts an AppHost: which resources, where, and with what extra settings.</summary>
public sealed record TestAppHostOptions
{
    /// <summary>Resource names for <c>--only</c>; empty starts the whole system.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>A run directory to reuse (restart tests); null makes a throw-away one.</summary>
    public string? RunDirectory { get; init; }

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
