using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

/// <summary>A PostgreSQL server of either mode, so the AppHost adds its databases the same way in both.</summary>
public sealed class PostgresServer(Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
{
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => addDatabase(name);
}

/// <summary>
/// The servers Synkro uses, chosen by mode so Program.cs reads the same in both: in publish mode the
/// real Aspire container integrations (the manifest's container resources, with data volumes); in
/// run mode, where there is no container engine, Debian's binaries as executables on loopback with
/// the same connection strings and variables. Passwords are generated parameters Aspire persists.
/// </summary>
public static class Servers
{
    public static PostgresServer AddPostgresServer(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddPassword($"{name}-password");
        if (builder.ExecutionContext.IsPublishMode)
        {
            var container = builder.AddPostgres(name, password: password).WithDataVolume(VolumeName(name));
            return new(database => container.AddDatabase(database));
        }

        var local = builder.AddLocalPostgres(name, password);
        return new(database => local.AddDatabase(database));
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQServer(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddPassword($"{name}-password");
        return builder.ExecutionContext.IsPublishMode
            ? builder.AddRabbitMQ(name, password: password).WithDataVolume(VolumeName(name))
            : builder.AddLocalRabbitMQ(name, password);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddPassword($"{name}-password");
        return builder.ExecutionContext.IsPublishMode
            // Aspire names the binding's scheme "redis", which the manifest schema (8.0) and the tools that
            // read it (aspirate) do not know: they take http, https, tcp or udp. The connection string the
            // services use does not contain the scheme; only {NAME}_URI does, and it then starts tcp://.
            ? builder.AddRedis(name, password: password).WithDataVolume(VolumeName(name)).WithEndpoint("tcp", e => e.UriScheme = "tcp")
            : builder.AddLocalRedis(name, password);
    }

    /// <summary>
    /// Named by us, not by Aspire's default (app name plus a hash of the AppHost), so the manifest
    /// and the volumes a deployment creates from it stay the same wherever it is generated.
    /// </summary>
    private static string VolumeName(string server) => $"synkro-{server}-data";

    /// <summary>Generated once and persisted by Aspire (user secrets in run mode; a parameter in the manifest).</summary>
    public static IResourceBuilder<ParameterResource> AddPassword(this IDistributedApplicationBuilder builder, string name, int minLength = 22) =>
        // No special characters: the values go into connection strings and URIs unescaped by some clients.
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);
}
