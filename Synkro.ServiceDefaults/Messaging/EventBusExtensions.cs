using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Synkro.ServiceDefaults.Messaging;
using Synkro.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

public static class EventBusExtensions
{
    /// <summary>
    /// Integration events over RabbitMQ ("ConnectionStrings:{connectionName}") with a transactional
    /// outbox and an idempotent inbox in <typeparamref name="TContext"/>'s database (its model must call
    /// <c>modelBuilder.AddIntegrationEventOutbox()</c>). Settings come from the "Messaging" section.
    /// </summary>
    public static EventBusBuilder AddEventBus<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var options = builder.Configuration.GetSection("Messaging").Get<EventBusOptions>() ?? new EventBusOptions();
        var serviceName = ServiceIdentity.GetServiceName(builder.Configuration, builder.Environment);
        var subscriptions = new SubscriptionRegistry();
        var backlog = new OutboxBacklog();
        MessagingTelemetry.RegisterBacklogGauges(backlog);

        builder.AddRabbitMQHealthCheck(connectionName);
        builder.Services.AddSingleton(backlog);
        builder.Services.AddSingleton(services => new EventBusContext(
            options,
            new BrokerConnection(services.GetRequiredService<IConfiguration>(), connectionName, serviceName),
            subscriptions,
            serviceName,
            EventBusContext.ConnectionStringOf<TContext>,
            services));
        builder.Services.AddScoped<IEventOutbox, EventOutbox<TContext>>();
        builder.Services.AddSingleton<IInbox, Inbox<TContext>>();
        builder.Services.AddHostedService<MessagingMaintenance>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<EventConsumer>();
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", tags: ["ready", "messaging"]);
        return new EventBusBuilder(builder.Services, subscriptions);
    }
}

/// <summary>Declares what the service consumes: <c>.AddSubscription&lt;TEvent, THandler&gt;()</c>, as in eShop.</summary>
public sealed class EventBusBuilder
{
    private readonly IServiceCollection services;
    private readonly SubscriptionRegistry subscriptions;

    internal EventBusBuilder(IServiceCollection services, SubscriptionRegistry subscriptions)
    {
        this.services = services;
        this.subscriptions = subscriptions;
    }

    public EventBusBuilder AddSubscription<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        subscriptions.Add<TEvent, THandler>();
        return this;
    }
}
