using System.Text.Json;
using RabbitMQ.Client;
using Synkro.ServiceDefaults.Messaging;
using Wolverine.Runtime.Serialization;

namespace Synkro.Tests.Messaging;

/// <summary>The test's own connection to the broker: to look at queues and to play a misbehaving publisher.</summary>
public sealed class BrokerClient(IConnection connection) : IAsyncDisposable
{
    public static async Task<BrokerClient> ConnectAsync(string connectionString) =>
        new(await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync());

    /// <summary>Waits until a queue exists (a passive declare stops failing).</summary>
    public async Task WaitForQueueAsync(string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeclarePassiveAsync(queue);
                return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task<uint> MessageCountAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Publishes with confirms, as a publisher bypassing the outbox would.</summary>
    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, byte[] body)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body);
    }

    /// <summary>
    /// Publishes events as a Wolverine publisher puts them on the wire (message id, type and content
    /// type properties, camelCase JSON), persistent, with confirms: the broker's part of delivery,
    /// without the outbox, so a test can deliver the same message twice or queue thousands fast.
    /// </summary>
    public async Task PublishEventsAsync(IEnumerable<IntegrationEvent> events)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var batch in events.Chunk(500))
        {
            await Task.WhenAll(batch.Select(e =>
            {
                var name = e.GetType().Name;
                var properties = new BasicProperties { MessageId = e.Id.ToString(), Type = name, ContentType = "application/json", Persistent = true };
                return channel.BasicPublishAsync(MessagingOptions.Exchange, name, mandatory: false, properties, JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), WireJson)).AsTask();
            }));
        }
    }

    private static readonly JsonSerializerOptions WireJson = SystemTextJsonSerializer.DefaultOptions();

    public async Task<BasicGetResult?> GetAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        var result = await channel.BasicGetAsync(queue, autoAck: false);
        if (result is not null)
        {
            // Looked at, not taken: it goes back to the queue when this channel closes.
            await channel.BasicNackAsync(result.DeliveryTag, multiple: false, requeue: true);
        }

        return result;
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
