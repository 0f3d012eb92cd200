namespace Synkro.Hosting;

/// <summary>A Redis server protected by a generated password, in StackExchange.Redis' connection string form.</summary>
public sealed class RedisResource(string name, ParameterResource password) : ServerResource(name), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;

    public string GetConnectionString() => $"{Host}:{Port},password={Password.Value}";

    public string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={{{Password.Name}.value}}";
}
