using Synkro;
using Synkro.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
if (!ServerPackages.Ensure(builder))
{
    return 1; // it said which Debian packages to install
}

// RabbitMQ boots slowest (its node takes seconds), so it is declared first and nothing waits for it:
// the services start while it boots and report "messaging" unhealthy until Wolverine has connected.
var messaging = builder.AddRabbitMQServer(ResourceNames.Messaging);
var postgres = builder.AddPostgresServer(ResourceNames.Postgres);
var identityDb = postgres.AddDatabase(ResourceNames.IdentityDb);
var inventoryDb = postgres.AddDatabase(ResourceNames.InventoryDb);
var logisticsDb = postgres.AddDatabase(ResourceNames.LogisticsDb);
var notificationsDb = postgres.AddDatabase(ResourceNames.NotificationsDb);
var forecastingDb = postgres.AddDatabase(ResourceNames.ForecastingDb);
var cache = builder.AddRedisServer(ResourceNames.Cache);

// Signs the gateway's tokens; generated once and persisted by Aspire, never written in code.
var jwtSigningKey = builder.AddPassword("jwt-signing-key", minLength: 48);

var inventory = builder.AddService<Projects.Synkro_Inventory>(ResourceNames.Inventory)
    .WithReference(inventoryDb).WaitFor(inventoryDb)
    .WithReference(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithReplicas(2);

var logistics = builder.AddService<Projects.Synkro_Logistics>(ResourceNames.Logistics)
    .WithReference(logisticsDb).WaitFor(logisticsDb)
    .WithReference(messaging)
    .WithReference(inventory);

var notifications = builder.AddService<Projects.Synkro_Notifications>(ResourceNames.Notifications)
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(messaging);

var forecasting = builder.AddService<Projects.Synkro_Forecasting>(ResourceNames.Forecasting)
    .WithReference(forecastingDb).WaitFor(forecastingDb)
    .WithReference(messaging);

var gateway = builder.AddService<Projects.Synkro_Gateway>(ResourceNames.Gateway)
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inventory)
    .WithReference(logistics)
    .WithReference(notifications)
    .WithReference(forecasting)
    .WithEnvironment("Identity__SigningKey", jwtSigningKey)
    .WithExternalHttpEndpoints();

builder.AddService<Projects.Synkro_Web>(ResourceNames.Web)
    .WithReference(gateway).WaitFor(gateway)
    .WithExternalHttpEndpoints();

builder.AddStateFile();
builder.Build().Run();
return 0;
