using RabbitMQ.Client;

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
