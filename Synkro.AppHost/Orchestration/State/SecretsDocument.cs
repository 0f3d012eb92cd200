namespace Synkro.Hosting.Orchestration.State;

/// <summary>
/// <c>secrets.json</c>, readable by the owner only: parameter values (generated once, kept with the
/// data so passwords match the stored databases), this run's connection strings for tooling, and
/// the control API's address with this run's bearer token.
/// </summary>
public sealed record SecretsDocument(
    Dictionary<string, string> Parameters,
    Dictionary<string, string> ConnectionStrings,
    ControlAccess? Control = null);

/// <summary>Where the control API listens and the bearer token it accepts; a new token every run.</summary>
public sealed record ControlAccess(string Url, string Token);
