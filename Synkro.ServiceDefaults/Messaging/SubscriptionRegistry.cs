using Microsoft.Extensions.DependencyInjection;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Which events this service consumes, by event name. Events are matched by name, not CLR type,
/// because each consumer declares its own copy of a publisher's record.
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly Dictionary<string, Subscription> byName = [];

    public IEnumerable<string> EventNames => byName.Keys;

    public void Add<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent>
    {
        var eventType = typeof(TEvent);
        if (!byName.TryGetValue(eventType.Name, out var subscription))
        {
            subscription = new Subscription(eventType, []);
            byName[eventType.Name] = subscription;
        }

        if (subscription.EventType != eventType)
        {
            throw new InvalidOperationException($"Two event types are named {eventType.Name}: {subscription.EventType} and {eventType}.");
        }

        subscription.Handlers.Add((services, @event, ct) => services.GetRequiredService<THandler>().Handle((TEvent)@event, ct));
    }

    public bool TryGet(string eventName, out Subscription subscription) => byName.TryGetValue(eventName, out subscription!);
}

internal sealed record Subscription(Type EventType, List<Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>> Handlers);
