namespace Synkro.Hosting;

/// <summary>A RabbitMQ broker; services receive an <c>amqp://</c> URI as Aspire's RabbitMQ resource gives.</summary>
public sealed class RabbitMQServerResource(string name, ParameterResource password) : ServerResource(name), IResourceWithConnectionString
{
    public const string UserName = "guest";

    public ParameterResource Password { get; } = password;

    public string GetConnectionString() =>
        $"amqp://{UserName}:{Uri.EscapeDataString(Password.Value)}@{Host}:{Port}";

    public string ConnectionStringExpression =>
        $"amqp://{UserName}:{{{Password.Name}.value}}@{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";
}
