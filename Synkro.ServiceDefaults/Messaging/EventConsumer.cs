using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Consumes this service's queue. A message is acked only after its handlers' transaction committed.
/// A failing handler is retried through the delay queues (the attempt and the error travel in
/// headers); after the last attempt the message is rejected and the broker dead-letters it,
/// at-least-once, with those headers, so the reason is kept and the queue keeps flowing.
/// </summary>
internal sealed partial class EventConsumer(EventBusContext bus, IInbox inbox, ILogger<EventConsumer> logger) : BackgroundService
{
    public const string AttemptHeader = "x-synkro-attempt";
    public const string ErrorHeader = "x-synkro-error";
    public const string ErrorTypeHeader = "x-synkro-error-type";

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
                await using var connection = await bus.Broker.OpenAsync("consumer", stoppingToken);
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.ConnectionShutdownAsync += (_, _) => { closed.TrySetResult(); return Task.CompletedTask; };
                await using var retries = await BrokerConnection.ConfirmingChannelAsync(connection, stoppingToken);
                await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: bus.Options.ConsumerConcurrency), stoppingToken);
                channel.ChannelShutdownAsync += (_, _) => { closed.TrySetResult(); return Task.CompletedTask; };
                await Topology.DeclareConsumerAsync(channel, bus.Options, bus.Queue, bus.Subscriptions.EventNames);
                await channel.BasicQosAsync(0, bus.Options.Prefetch, global: false, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(channel, retries, delivery, stoppingToken);
                await channel.BasicConsumeAsync(bus.Queue, autoAck: false, consumer, stoppingToken);
                LogConsuming(bus.Queue, string.Join(", ", bus.Subscriptions.EventNames));
                failures = 0;
                await closed.Task.WaitAsync(stoppingToken);
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

    private async Task HandleDeliveryAsync(IChannel channel, IChannel retries, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var properties = delivery.BasicProperties;
        var eventName = properties.Type ?? delivery.RoutingKey;
        var attempt = HeaderInt(properties, AttemptHeader) ?? 1;
        var maxAttempts = bus.Options.EffectiveRetryDelays.Count + 1;
        using var activity = MessagingTelemetry.Source.StartActivity(
            $"{eventName} process", ActivityKind.Consumer,
            MessagingTelemetry.ParentFrom(HeaderString(properties, MessagingTelemetry.TraceParentHeader), HeaderString(properties, MessagingTelemetry.TraceStateHeader)));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", bus.Queue);
        activity?.SetTag("messaging.message.id", properties.MessageId);
        if (attempt > maxAttempts || !bus.Subscriptions.TryGet(eventName, out var subscription))
        {
            // Given up on (or not ours): rejecting hands it to the broker's at-least-once dead-lettering.
            MessagingTelemetry.DeadLettered.Add(1);
            LogDeadLettered(eventName, properties.MessageId, HeaderString(properties, ErrorHeader) ?? "no subscription for this event");
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, cancellationToken);
            return;
        }

        try
        {
            var @event = (IntegrationEvent)(JsonSerializer.Deserialize(delivery.Body.Span, subscription.EventType, EventSerialization.Options)
                ?? throw new JsonException("The message body is null."));
            var messageId = Guid.TryParse(properties.MessageId, out var id) ? id : @event.Id;
            var applied = await inbox.ProcessAsync(messageId, bus.Queue, subscription, @event, cancellationToken);
            (applied ? MessagingTelemetry.Consumed : MessagingTelemetry.Duplicates).Add(1);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await RetryLaterAsync(channel, retries, delivery, attempt, e, cancellationToken);
        }
    }

    /// <summary>
    /// Republishes a copy carrying the next attempt number and this failure's reason (to the delay queue,
    /// or straight back after the last attempt so the rejection above dead-letters it), then acks the
    /// original. Should the broker not confirm, the original is nacked back instead: never lost.
    /// </summary>
    private async Task RetryLaterAsync(IChannel channel, IChannel retries, BasicDeliverEventArgs delivery, int attempt, Exception error, CancellationToken cancellationToken)
    {
        var last = attempt > bus.Options.EffectiveRetryDelays.Count;
        var properties = new BasicProperties(delivery.BasicProperties)
        {
            Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
            {
                [AttemptHeader] = attempt + 1,
                [ErrorHeader] = Truncate(error.Message),
                [ErrorTypeHeader] = error.GetType().FullName,
            },
        };
        var target = last ? bus.Queue : Topology.RetryQueue(bus.Queue, bus.Options.EffectiveRetryDelays[attempt - 1]);
        try
        {
            await retries.BasicPublishAsync("", target, mandatory: false, properties, delivery.Body, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            MessagingTelemetry.Retried.Add(1);
            LogHandlerFailed(delivery.BasicProperties.Type, delivery.BasicProperties.MessageId, attempt, error.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRetryFailed(delivery.BasicProperties.MessageId, e.Message);
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
            }
        }
    }

    private static string Truncate(string message) => message.Length <= 1000 ? message : message[..1000];

    private static string? HeaderString(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => value?.ToString() }
            : null;

    private static int? HeaderInt(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true ? Convert.ToInt32(value) : null;

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
