using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Deliveries;
using Synkro.Notifications.Digests;
using Synkro.Notifications.Email;
using Synkro.Notifications.Inbox;
using Synkro.Notifications.Orders;
using Synkro.Notifications.Recipients;
using Synkro.Notifications.Security;
using Synkro.Notifications.Subscriptions;
using Synkro.Notifications.Templates;
using Synkro.Notifications.Webhooks;
using Synkro.Security;

namespace Synkro.Notifications.Extensions;

public static class NotificationsServiceExtensions
{
    public static void AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(
            ResourceNames.NotificationsDb,
            configureDbContextOptions: options => NotificationsDbContext.Configure((DbContextOptionsBuilder<NotificationsDbContext>)options));
        builder.AddDatabaseMigrations<NotificationsDbContext>();
        // Inventory's threshold and expiry events and logistics' order news become alerts; the emails and
        // webhooks they plan are durable local messages.
        builder.AddMessaging<NotificationsDbContext>(ResourceNames.NotificationsDb, messaging => messaging
            .Subscribe<LowStockDetected>()
            .Subscribe<OverstockDetected>()
            .Subscribe<ReservationExpired>()
            .Subscribe<OrderStatusChanged>()
            .Locate<Synkro.ServiceDefaults.Messaging.IEventOutbox>());

        // Tokens are checked here too; the logout denylist they are checked against lives in Redis.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddTokenValidation();
        NotificationsPolicies.Add(builder.Services.AddAuthorizationBuilder());
        // Recipients come from the gateway's identity, asked with this service's own token.
        builder.AddServiceTokens();
        builder.Services.AddHttpClient(UserDirectory.ClientName, http => http.BaseAddress = new Uri($"http://{ResourceNames.Gateway}"));
        builder.Services.AddSingleton<UserDirectory>();
        // An order's customer comes from Logistics, asked the same way.
        builder.Services.AddHttpClient(CustomerDirectory.ClientName, http => http.BaseAddress = new Uri($"http://{ResourceNames.Logistics}"));
        builder.Services.AddSingleton<CustomerDirectory>();

        // Read at the first send, so `codegen write` and a service with no mail configured still start.
        builder.Services.AddSingleton(services => MailSettings.Parse(services.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.Mail)));
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.Configure<WebhookSettings>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<InboxFeed>();
        builder.Services.Configure<DigestSettings>(builder.Configuration.GetSection("Digests"));
        builder.Services.AddSingleton<DigestRunner>();
        builder.Services.AddHostedService<DigestSchedule>();
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddScoped<TemplateStore>();
        builder.Services.AddScoped<AlertDispatcher>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddValidation();
        builder.Services.AddApiDocument("Synkro Notifications", "Alerts from what happens in Synkro, by email, in-app (live) and signed webhooks: subscriptions, templates, inboxes, webhook endpoints, the delivery log.");
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApiDocument("Synkro Notifications");

        app.MapSubscriptionsApi();
        app.MapTemplatesApi();
        app.MapDeliveriesApi();
        app.MapWebhooksApi();
        app.MapInboxApi();
        app.MapDigestsApi();
        return app;
    }
}
