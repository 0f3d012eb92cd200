using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Consumes this service's queue. Deliveries that are waiting together are applied in one inbox
/// transaction; a message is acked only after that transaction committed. Should a batch fail, its
/// messages are applied one by one, so one failing handler never holds back the others. A failing
/// message is retried through the delay queues (attempt and error travel in headers); after the last
/// attempt it is rejected and the broker dead-letters it, at-least-once, with those headers.
/// </summary>
internal sealed partial class EventConsumer(EventBusContext bus, IInbox inbox, ILogger<EventConsumer> logger) : BackgroundService
{
    public const string AttemptHeader = "x-synkro-attempt";
    public const string ErrorHeader = "x-synkro-error";
    public const string ErrorTypeHeader = "x-synkro-error-type";
    private const int MaxBatch = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.Subscriptions.EventNames.Any())
        {
            return;
        }

        await bus.SchemaReady.WaitAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilDisconnectedAsync(() => failures = 0, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                LogConsumerFailed(e.Message, failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10)))), stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConsumeUntilDisconnectedAsync(Action connected, CancellationToken stoppingToken)
    {
        // Declared before the connection so it outlives it: closing the connection raises its shutdown event.
        using var disconnected = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await using var connection = await bus.Broker.OpenAsync("consumer", stoppingToken);
        connection.ConnectionShutdownAsync += (_, _) => disconnected.CancelAsync();
        await using var retries = await BrokerConnection.ConfirmingChannelAsync(connection, stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        channel.ChannelShutdownAsync += (_, _) => disconnected.CancelAsync();
        await Topology.DeclareConsumerAsync(channel, bus.Options, bus.Queue, bus.Subscriptions.EventNames);
        await channel.BasicQosAsync(0, bus.Options.Prefetch, global: false, stoppingToken);

        var deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleWriter = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        // The client reuses a delivery's body buffer once this returns, so the body is copied.
        consumer.ReceivedAsync += (_, d) => deliveries.Writer.WriteAsync(new Delivery(d.DeliveryTag, d.BasicProperties, d.RoutingKey, d.Body.ToArray())).AsTask();
        await channel.BasicConsumeAsync(bus.Queue, autoAck: false, consumer, stoppingToken);
        LogConsuming(bus.Queue, string.Join(", ", bus.Subscriptions.EventNames));
        connected();

        var workers = Enumerable.Range(0, Math.Max(1, (int)bus.Options.ConsumerConcurrency))
            .Select(_ => ProcessAsync(deliveries.Reader, channel, retries, disconnected.Token))
            .ToList();
        await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task ProcessAsync(ChannelReader<Delivery> reader, IChannel channel, IChannel retries, CancellationToken cancellationToken)
    {
        var batch = new List<Delivery>(MaxBatch);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
            }

            await ProcessBatchAsync(batch, channel, retries, cancellationToken);
        }
    }

    private async Task ProcessBatchAsync(List<Delivery> batch, IChannel channel, IChannel retries, CancellationToken cancellationToken)
    {
        var ready = new List<(Delivery Delivery, InboxItem Item)>(batch.Count);
        foreach (var delivery in batch)
        {
            if (await PrepareAsync(delivery, channel, retries, cancellationToken) is { } item)
            {
                ready.Add((delivery, item));
            }
        }

        if (ready.Count == 0)
        {
            return;
        }

        try
        {
            await ApplyAsync(ready, channel, cancellationToken);
        }
        catch (Exception) when (ready.Count > 1 && !cancellationToken.IsCancellationRequested)
        {
            // Something in the batch failed and it all rolled back: apply one by one to find it.
            foreach (var single in ready)
            {
                await ApplyOneAsync(single, channel, retries, cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await RetryLaterAsync(ready[0].Delivery, channel, retries, e, cancellationToken);
        }
    }

    private async Task ApplyOneAsync((Delivery Delivery, InboxItem Item) single, IChannel channel, IChannel retries, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync([single], channel, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await RetryLaterAsync(single.Delivery, channel, retries, e, cancellationToken);
        }
    }

    private async Task ApplyAsync(List<(Delivery Delivery, InboxItem Item)> ready, IChannel channel, CancellationToken cancellationToken)
    {
        var applied = await inbox.ProcessAsync([.. ready.Select(r => r.Item)], bus.Queue, cancellationToken);
        MessagingTelemetry.Consumed.Add(applied.Count);
        MessagingTelemetry.Duplicates.Add(ready.Count - applied.Count);
        foreach (var (delivery, _) in ready)
        {
            await channel.BasicAckAsync(delivery.Tag, multiple: false, cancellationToken);
        }
    }

    /// <summary>Turns a delivery into an inbox item, or settles it here: dead-letters what was given up on, retries what cannot be read.</summary>
    private async Task<InboxItem?> PrepareAsync(Delivery delivery, IChannel channel, IChannel retries, CancellationToken cancellationToken)
    {
        var properties = delivery.Properties;
        var eventName = properties.Type ?? delivery.RoutingKey;
        var attempt = HeaderInt(properties, AttemptHeader) ?? 1;
        if (attempt > bus.Options.EffectiveRetryDelays.Count + 1 || !bus.Subscriptions.TryGet(eventName, out var subscription))
        {
            // Given up on (or not ours): rejecting hands it to the broker's at-least-once dead-lettering.
            MessagingTelemetry.DeadLettered.Add(1);
            LogDeadLettered(eventName, properties.MessageId, HeaderString(properties, ErrorHeader) ?? "no subscription for this event");
            await channel.BasicRejectAsync(delivery.Tag, requeue: false, cancellationToken);
            return null;
        }

        try
        {
            var @event = (IntegrationEvent)(JsonSerializer.Deserialize(delivery.Body, subscription.EventType, EventSerialization.Options)
                ?? throw new JsonException("The message body is null."));
            var parent = MessagingTelemetry.ParentFrom(HeaderString(properties, MessagingTelemetry.TraceParentHeader), HeaderString(properties, MessagingTelemetry.TraceStateHeader));
            return new InboxItem(Guid.TryParse(properties.MessageId, out var id) ? id : @event.Id, subscription, @event, parent);
        }
        catch (JsonException e)
        {
            await RetryLaterAsync(delivery, channel, retries, e, cancellationToken);
            return null;
        }
    }

    /// <summary>
    /// Republishes a copy carrying the next attempt number and this failure's reason (to the delay queue,
    /// or straight back after the last attempt so it is dead-lettered), then acks the original. Should
    /// the broker not confirm the copy, the original is nacked back instead: never lost.
    /// </summary>
    private async Task RetryLaterAsync(Delivery delivery, IChannel channel, IChannel retries, Exception error, CancellationToken cancellationToken)
    {
        var attempt = HeaderInt(delivery.Properties, AttemptHeader) ?? 1;
        var delays = bus.Options.EffectiveRetryDelays;
        var properties = new BasicProperties(delivery.Properties)
        {
            Headers = new Dictionary<string, object?>(delivery.Properties.Headers ?? new Dictionary<string, object?>())
            {
                [AttemptHeader] = attempt + 1,
                [ErrorHeader] = error.Message.Length <= 1000 ? error.Message : error.Message[..1000],
                [ErrorTypeHeader] = error.GetType().FullName,
            },
        };
        var target = attempt > delays.Count ? bus.Queue : Topology.RetryQueue(bus.Queue, delays[attempt - 1]);
        try
        {
            await retries.BasicPublishAsync("", target, mandatory: false, properties, delivery.Body, cancellationToken);
            await channel.BasicAckAsync(delivery.Tag, multiple: false, cancellationToken);
            MessagingTelemetry.Retried.Add(1);
            LogHandlerFailed(delivery.Properties.Type, delivery.Properties.MessageId, attempt, error.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRetryFailed(delivery.Properties.MessageId, e.Message);
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: true, cancellationToken);
            }
        }
    }

    private static string? HeaderString(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => value?.ToString() }
            : null;

    private static int? HeaderInt(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true ? Convert.ToInt32(value) : null;

    private sealed record Delivery(ulong Tag, IReadOnlyBasicProperties Properties, string RoutingKey, byte[] Body);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Consuming {Queue} for {Events}")]
    private partial void LogConsuming(string queue, string events);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Event consumer failed ({Failures} in a row), reconnecting: {Reason}")]
    private partial void LogConsumerFailed(string reason, int failures);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Handling {EventName} {MessageId} failed on attempt {Attempt}: {Reason}")]
    private partial void LogHandlerFailed(string? eventName, string? messageId, int attempt, string reason);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Dead-lettering {EventName} {MessageId}: {Reason}")]
    private partial void LogDeadLettered(string eventName, string? messageId, string reason);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "Could not schedule a retry of {MessageId}, returning it to the queue: {Reason}")]
    private partial void LogRetryFailed(string? messageId, string reason);
}
