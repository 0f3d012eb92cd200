using JasperFx.CodeGeneration;
using JasperFx.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Synkro;
using Synkro.ServiceDefaults.Messaging;
using Synkro.ServiceDefaults.Telemetry;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;
using Wolverine.Util;

namespace Microsoft.Extensions.Hosting;

public static class WolverineMessagingExtensions
{
    /// <summary>
    /// Integration events on Wolverine: RabbitMQ from "ConnectionStrings:messaging", a durable
    /// outbox and inbox in <typeparamref name="TContext"/>'s database (schema <c>wolverine</c>; the
    /// model must call <c>modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema)</c>),
    /// quorum queues with a delivery limit, retries with cooldown and then the dead-letter queue.
    /// Register the DbContext first. Settings come from the "Messaging" section (<see cref="MessagingOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(
        this IHostApplicationBuilder builder, string databaseName, Action<MessagingSubscriptions>? subscribe = null)
        where TContext : DbContext
    {
        var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var serviceName = ServiceIdentity.GetServiceName(builder.Configuration, builder.Environment);
        var subscriptions = new MessagingSubscriptions();
        subscribe?.Invoke(subscriptions);
        WolverineMessageNaming.InsertFirst<IntegrationEventNaming>();

        if (subscriptions.EventNames.Count > 0)
        {
            // A handler runs in one explicit transaction with its inbox row (Wolverine's Eager mode),
            // which EF Core's retrying strategy forbids. A transient database failure retries the
            // whole message instead, under the policy below.
            builder.Services.ConfigureDbContext<TContext>(db => ((IDbContextOptionsBuilderInfrastructure)db)
                .AddOrUpdateExtension(RelationalOptionsExtension.Extract(db.Options).WithExecutionStrategyFactory(null)));
        }

        builder.AddRabbitMQHealthCheck(ResourceNames.Messaging);
        builder.Services.AddScoped<IEventOutbox, EventOutbox<TContext>>();
        var messageStore = ConnectionString(builder.Configuration, databaseName);
        builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<NodeLiveness>(services, messageStore, options.Durability));
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = serviceName;
            // The service's handlers, and the code generated for them, live beside its DbContext.
            opts.ApplicationAssembly = typeof(TContext).Assembly;
            // Pre-generated handler code (Internal/Generated, `dotnet run -- codegen write`): no Roslyn at start.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            foreach (var located in subscriptions.LocatedServices)
            {
                opts.CodeGeneration.AlwaysUseServiceLocationFor(located);
            }

            opts.CodeGeneration.GeneratedCodeOutputPath = builder.Configuration["Messaging:GeneratedCodePath"]
                ?? Path.Combine(builder.Environment.ContentRootPath, "Internal", "Generated");

            opts.PersistMessagesWithPostgresql(messageStore, Schema);
            opts.UseEntityFrameworkCoreTransactions();
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.Policies.UseDurableInboxOnAllListeners();
            // A service's own steps (logistics' order process) are local messages; kept in the
            // database like the rest, so a crash between steps loses none. They wait mostly on other
            // services (a payment provider, Inventory over gRPC), so they run as many at once as the
            // broker's messages do, not one per core (Wolverine's default).
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.AllLocalQueues(queue => queue.MaximumParallelMessages(options.MaxParallelMessages));
            opts.Durability.KeepAfterMessageHandling = options.InboxRetention;
            TuneDurabilityAgent(opts.Durability, options.Durability);

            var queue = options.QueueName(serviceName);
            opts.UseRabbitMqUsingNamedConnection(ResourceNames.Messaging)
                .AutoProvision()
                .UseQuorumQueues()
                // Wolverine deletes an outbox row once the send returns; without confirms a send
                // returns when the bytes are written, so a broker that dies before storing them would lose them.
                .ConfigureChannelCreation(channel =>
                {
                    channel.PublisherConfirmationsEnabled = true;
                    channel.PublisherConfirmationTrackingEnabled = true;
                })
                .DeclareExchange(MessagingOptions.Exchange, exchange => exchange.ExchangeType = ExchangeType.Topic)
                .CustomizeDeadLetterQueueing(new DeadLetterQueue($"{queue}.dead-letter"));
            opts.PublishMessagesToRabbitMqExchange<IntegrationEvent>(MessagingOptions.Exchange, e => e.GetType().Name);

            if (subscriptions.EventNames.Count == 0)
            {
                // Handlers exist only for subscribed events; a publisher compiles none.
                opts.Discovery.DisableConventionalDiscovery();
            }
            else
            {
                opts.ListenToRabbitQueue(queue, q =>
                    {
                        q.Arguments["x-delivery-limit"] = options.DeliveryLimit;
                        foreach (var name in subscriptions.EventNames)
                        {
                            q.BindExchange(MessagingOptions.Exchange, name);
                        }
                    })
                    .PreFetchCount(options.Prefetch)
                    .MaximumParallelMessages(options.MaxParallelMessages);
            }

            opts.Policies.OnAnyException()
                .RetryWithCooldown(options.EffectiveRetryDelays)
                .Then.MoveToErrorQueue();
        });
        return builder;
    }

    /// <summary>The schema of Wolverine's tables in each service's database.</summary>
    public const string Schema = "wolverine";

    /// <summary>Wolverine's heartbeats at about its own defaults; <see cref="NodeLiveness"/> notices a dead node.</summary>
    private static void TuneDurabilityAgent(DurabilitySettings durability, DurabilityTimings timings)
    {
        durability.HealthCheckPollingTime = timings.Heartbeat;
        durability.FirstHealthCheckExecution = 0.Seconds();
        durability.StaleNodeTimeout = timings.StaleNodeTimeout;
        durability.NodeReassignmentPollingTime = timings.NodeReassignment;
        durability.OrphanedMessageSweepPollingTime = timings.OrphanSweep;
        durability.ScheduledJobFirstExecution = 0.Seconds();
        durability.ScheduledJobPollingTime = timings.ScheduledJobs;
    }

    private static string ConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Messaging needs the connection string 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name}), which is not configured.");
}
