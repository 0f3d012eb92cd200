namespace Synkro.Hosting.Orchestration.State;

/// <summary>
/// <c>secrets.json</c>, readable by the owner only: parameter values (generated once, kept with the
/// data so passwords match the stored databases) and this run's connection strings for tooling.
/// </summary>
public sealed record SecretsDocument(
    Dictionary<string, string> Parameters,
    Dictionary<string, string> ConnectionStrings);
