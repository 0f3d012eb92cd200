namespace Synkro.Hosting;

/// <summary>
/// A value supplied from configuration (<c>Parameters:{name}</c>) or generated once and kept with
/// the data in <c>secrets.json</c>, so a password outlives the run that created it.
/// </summary>
public sealed class ParameterResource(string name, GenerateParameterDefault? generate, bool secret) : Resource(name)
{
    public GenerateParameterDefault? Generate { get; } = generate;

    public bool Secret { get; } = secret;

    private string? value;

    public string Value
    {
        get => value ?? throw new InvalidOperationException($"Parameter '{Name}' has not been resolved yet.");
        set => this.value = value;
    }

    public bool IsResolved => value is not null;
}

/// <summary>Generate a random value when none is configured (Aspire's GenerateParameterDefault).</summary>
public sealed record GenerateParameterDefault
{
    public int MinLength { get; init; } = 22;

    public string NewValue()
    {
        // Letters and digits only: the value lands in URIs and key=value connection strings unescaped.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, MinLength);
    }
}
