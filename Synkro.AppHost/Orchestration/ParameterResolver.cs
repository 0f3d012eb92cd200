using Microsoft.Extensions.Configuration;

namespace Synkro.Hosting.Orchestration;

/// <summary>
/// Gives every parameter its value: configuration (<c>Parameters:{name}</c>) first, then the value kept
/// in secrets.json from an earlier run, then a newly generated one. Never a value written in code.
/// </summary>
internal static class ParameterResolver
{
    public static void Resolve(IEnumerable<ParameterResource> parameters, IConfiguration configuration, IReadOnlyDictionary<string, string> kept)
    {
        foreach (var parameter in parameters)
        {
            parameter.Value = configuration[$"Parameters:{parameter.Name}"]
                ?? (kept.TryGetValue(parameter.Name, out var value) ? value : null)
                ?? parameter.Generate?.NewValue()
                ?? throw new AppHostException($"Parameter '{parameter.Name}' has no value: set Parameters:{parameter.Name} (environment variable Parameters__{parameter.Name}).");
        }
    }
}
