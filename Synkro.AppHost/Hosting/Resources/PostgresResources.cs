namespace Synkro.Hosting;

/// <summary>A PostgreSQL server; its databases are child resources created once it is healthy.</summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : ServerResource(name), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public ParameterResource Password { get; } = password;

    public List<PostgresDatabaseResource> Databases { get; } = [];

    public string GetConnectionString() =>
        $"Host={Host};Port={Port};Username={UserName};Password={Password.Value}";

    public string ConnectionStringExpression =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username={UserName};Password={{{Password.Name}.value}}";
}

/// <summary>A database inside a PostgreSQL server, owned by one service.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    public string GetConnectionString() => $"{Parent.GetConnectionString()};Database={DatabaseName}";

    public string ConnectionStringExpression => $"{{{Parent.Name}.connectionString}};Database={DatabaseName}";
}
