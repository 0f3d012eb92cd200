using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Tests.Messaging;

/// <summary>
/// A test's own queue on the event exchange, bound to every event name: it sees what services
/// publish as any new consumer would, so a test can count the events an action raised once the
/// outbox has sent them.
/// </summary>
public sealed class EventTap(IConnection connection, IChannel channel) : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Type, JsonElement Body)> received = new();

    public static async Task<EventTap> StartAsync(string connectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var tap = new EventTap(connection, channel);
        var queue = (await channel.QueueDeclareAsync($"test.tap.{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, MessagingOptions.Exchange, "#");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap.received.Enqueue((delivery.BasicProperties.Type ?? "", JsonDocument.Parse(delivery.Body).RootElement.Clone()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return tap;
    }

    /// <summary>Waits until <paramref name="expected"/> matching events arrived (or the timeout), then a moment more for extras; returns how many.</summary>
    public async Task<int> CountAsync(string type, string sku, int expected, TimeSpan? timeout = null) =>
        (await WhereAsync(type, "sku", sku, expected, timeout)).Count;

    /// <summary>The events of a type whose <paramref name="property"/> is <paramref name="value"/>, in arrival order, once <paramref name="expected"/> came (or the timeout).</summary>
    public async Task<List<JsonElement>> WhereAsync(string type, string property, string value, int expected, TimeSpan? timeout = null)
    {
        var deadline = Deadlines.In(timeout ?? Deadlines.Eventually);
        while (Matching(type, property, value).Count < expected && !deadline.Passed)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500);
        return Matching(type, property, value);
    }

    private List<JsonElement> Matching(string type, string property, string value) =>
        [.. received.Where(e => e.Type == type && e.Body.TryGetProperty(property, out var found) && found.ToString() == value).Select(e => e.Body)];

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
