using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Customers;
using Synkro.Logistics.Data;
using Synkro.Logistics.Fulfilment;
using Synkro.Logistics.Grpc;
using Synkro.Logistics.Http;
using Synkro.Logistics.Orders;
using Synkro.Logistics.Payments;
using Synkro.Logistics.Security;
using Synkro.Logistics.Shipping;
using Synkro.Logistics.Stock;
using Synkro.Protos.Inventory.V1;
using Synkro.Security;
using Synkro.ServiceDefaults.Grpc;

namespace Synkro.Logistics.Extensions;

public static class LogisticsServiceExtensions
{
    public static void AddLogisticsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<LogisticsDbContext>(
            ResourceNames.LogisticsDb,
            configureDbContextOptions: options => LogisticsDbContext.Configure((DbContextOptionsBuilder<LogisticsDbContext>)options));
        builder.AddDatabaseMigrations<LogisticsDbContext>();
        // The order process's steps are durable local messages, and inventory's stock events wake backorders.
        builder.AddMessaging<LogisticsDbContext>(ResourceNames.LogisticsDb, messaging => messaging
            .Subscribe<StockReceived>()
            .Subscribe<ReservationReleased>()
            .Subscribe<ReservationExpired>()
            .Locate<InventoryService.InventoryServiceClient>());

        // Tokens are checked here too; the logout denylist they are checked against lives in Redis.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddTokenValidation();
        LogisticsPolicies.Add(builder.Services.AddAuthorizationBuilder());
        builder.AddServiceTokens();
        // h2c to inventory's gRPC endpoint, by service discovery; retried only when a call says it is idempotent.
        builder.Services.AddGrpcClient<InventoryService.InventoryServiceClient>(grpc => grpc.Address = new Uri($"http://_grpc.{ResourceNames.Inventory}"));

        builder.AddGrpcEndpoint();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<GrpcExceptions>());
        builder.Services.AddSingleton<GrpcValidation>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OrderOptions>().BindConfiguration("Orders");
        builder.Services.AddSingleton<IPaymentProvider, SandboxPaymentProvider>();
        builder.Services.AddSingleton<ICarrier, SandboxCarrier>();
        builder.Services.AddScoped<InventoryStock>();
        builder.Services.AddScoped<OrderWorkflow>();
        builder.Services.AddScoped<CustomerAccounts>();

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddValidation();
        builder.Services.AddExceptionHandler<LogisticsExceptionProblems>();
        builder.Services.AddApiDocument("Synkro Logistics", "Orders from creation to delivery: payment, stock reservation, backorders, shipping; customers.");
    }

    public static WebApplication MapLogisticsApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApiDocument("Synkro Logistics");

        app.MapOrdersApi();
        app.MapCustomersApi();
        app.MapGrpcService<LogisticsGrpcService>();
        return app;
    }
}
