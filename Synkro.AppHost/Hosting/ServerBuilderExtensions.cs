namespace Synkro.Hosting;

/// <summary>AddPostgres, AddDatabase, AddRabbitMQ, AddRedis, AddProject and AddParameter, named and shaped as in Aspire.</summary>
public static class ServerBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name, builder.AddGeneratedPassword($"{name}-password")));

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        database.WaitsFor.Add(builder.Resource);
        return builder.ApplicationBuilder.AddResource(database);
    }

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RabbitMQServerResource(name, builder.AddGeneratedPassword($"{name}-password")));

    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name, builder.AddGeneratedPassword($"{name}-password")));

    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>A parameter whose value comes from <c>Parameters:{name}</c>, or, with <paramref name="value"/>, is generated once and kept.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this DistributedApplicationBuilder builder, string name, GenerateParameterDefault? value = null, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, value, secret));

    private static ParameterResource AddGeneratedPassword(this DistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault(), secret: true).Resource;
}
