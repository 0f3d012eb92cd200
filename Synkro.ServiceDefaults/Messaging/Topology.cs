using RabbitMQ.Client;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Synkro's RabbitMQ 3.10 topology, declared idempotently by every service:
/// a durable topic exchange for all events; per consuming service a durable quorum queue with an
/// explicit delivery limit and at-least-once dead-lettering into its dead-letter queue; and one
/// delay queue per retry wait, whose expired messages dead-letter back into the service's queue.
/// </summary>
internal static class Topology
{
    public const string DeadLetterSuffix = ".dead-letter";

    public static string DeadLetterExchange(EventBusOptions options) => $"{options.Exchange}.dead-letter";

    public static string DeadLetterQueue(string queue) => queue + DeadLetterSuffix;

    public static string RetryQueue(string queue, TimeSpan delay) => $"{queue}.retry.{(long)delay.TotalMilliseconds}ms";

    public static Task DeclareExchangeAsync(IChannel channel, EventBusOptions options) =>
        channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);

    public static async Task DeclareConsumerAsync(IChannel channel, EventBusOptions options, string queue, IEnumerable<string> eventNames)
    {
        await DeclareExchangeAsync(channel, options);
        var deadLetterExchange = DeadLetterExchange(options);
        await channel.ExchangeDeclareAsync(deadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(DeadLetterQueue(queue), durable: true, exclusive: false, autoDelete: false, arguments: Quorum());
        await channel.QueueBindAsync(DeadLetterQueue(queue), deadLetterExchange, queue);

        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>(Quorum())
        {
            ["x-delivery-limit"] = options.DeliveryLimit,
            ["x-dead-letter-exchange"] = deadLetterExchange,
            ["x-dead-letter-routing-key"] = queue,
            // At-least-once dead-lettering (quorum queues, 3.10+) needs reject-publish overflow; without it a
            // dead-lettered message could be lost if the dead-letter queue were unavailable.
            ["x-dead-letter-strategy"] = "at-least-once",
            ["x-overflow"] = "reject-publish",
        });
        foreach (var eventName in eventNames)
        {
            await channel.QueueBindAsync(queue, options.Exchange, eventName);
        }

        foreach (var delay in options.EffectiveRetryDelays.Distinct())
        {
            await channel.QueueDeclareAsync(RetryQueue(queue, delay), durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>(Quorum())
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
                ["x-dead-letter-strategy"] = "at-least-once",
                ["x-overflow"] = "reject-publish",
            });
        }
    }

    private static Dictionary<string, object?> Quorum() => new() { ["x-queue-type"] = "quorum" };
}
