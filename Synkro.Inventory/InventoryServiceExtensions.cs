using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Grpc;
using Synkro.ServiceDefaults.Grpc;
using Synkro.Inventory.Http;
using Synkro.Inventory.Items;
using Synkro.Inventory.Reservations;
using Synkro.Inventory.Security;
using Synkro.Inventory.Stock;
using Synkro.Inventory.Summary;
using Synkro.Inventory.Transfers;
using Synkro.Inventory.Warehouses;

namespace Synkro.Inventory;

public static class InventoryServiceExtensions
{
    public static void AddInventoryServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<InventoryDbContext>(
            ResourceNames.InventoryDb,
            // Inventory retries whole transactions itself (InventoryExecutionStrategy) instead of Aspire's default strategy.
            settings =>
            {
                settings.DisableRetry = true;
                settings.ConnectionString = settings.ConnectionString is { } connectionString ? InventoryDatabase.TuneConnectionString(connectionString) : null;
            },
            options => options.UseNpgsql(npgsql => npgsql
                .MigrationsHistoryTable(InventoryDatabase.MigrationsHistoryTable, InventoryDbContext.Schema)
                .ExecutionStrategy(dependencies => new InventoryExecutionStrategy(dependencies))));
        // Publishes its events through the durable outbox in inventorydb (docs/messaging.md).
        builder.AddMessaging<InventoryDbContext>(ResourceNames.InventoryDb);
        builder.AddRedisHybridCache(ResourceNames.Cache);

        // Registered before the reservation services: they, and Kestrel, start once the schema is current.
        builder.Services.AddSingleton<SchemaState>();
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<SchemaHealthCheck>("inventory-schema", tags: ["ready", "db"]);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ReservationOptions>().BindConfiguration("Reservations");
        builder.Services.AddSingleton<CacheTrust>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CacheTrust>());
        builder.Services.AddSingleton<StockChangeFeed>();
        builder.Services.AddSingleton<InventoryCache>();
        builder.Services.AddScoped<StockLedger>();
        builder.Services.AddScoped<ReservationWriter>();
        builder.Services.AddScoped<ReservationCloser>();
        builder.Services.AddSingleton<ReservationBatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReservationBatcher>());
        builder.Services.AddHostedService<ReservationExpirySweeper>();

        builder.AddInventorySecurity();
        builder.AddGrpcEndpoint();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<GrpcExceptions>());
        builder.Services.AddSingleton<GrpcValidation>();
        builder.Services.ConfigureHttpJsonOptions(json => InventoryJson.Configure(json.SerializerOptions));
        builder.Services.AddValidation();
        builder.Services.Configure<ProblemDetailsOptions>(problems => problems.CustomizeProblemDetails += ValidationErrorNames.CamelCase);
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.Services.AddApiDocument("Synkro Inventory", "Items, warehouses, stock levels and movements, transfers, and reservations that never oversell.");
    }

    public static WebApplication MapInventoryApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApiDocument("Synkro Inventory");

        app.MapGroup("/api/inventory")
            .RejectNulCharacters()
            .MapItemsApi()
            .MapWarehousesApi()
            .MapAdjustmentsApi()
            .MapTransfersApi()
            .MapReservationsApi()
            .MapStockSummaryApi();
        app.MapGrpcService<InventoryGrpcService>();
        return app;
    }
}
