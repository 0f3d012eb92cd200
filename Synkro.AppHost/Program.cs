using Synkro;
using Synkro.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var identityDb = postgres.AddDatabase(ResourceNames.IdentityDb);
var inventoryDb = postgres.AddDatabase(ResourceNames.InventoryDb);
var logisticsDb = postgres.AddDatabase(ResourceNames.LogisticsDb);
var notificationsDb = postgres.AddDatabase(ResourceNames.NotificationsDb);
var forecastingDb = postgres.AddDatabase(ResourceNames.ForecastingDb);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
var cache = builder.AddRedis(ResourceNames.Cache);

// Signs the gateway's tokens; generated once and kept with the data, never written in code.
var jwtSigningKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48 }, secret: true);

var inventory = builder.AddProject<Projects.Synkro_Inventory>(ResourceNames.Inventory)
    .WithReference(inventoryDb).WaitFor(inventoryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithReplicas(2);

var logistics = builder.AddProject<Projects.Synkro_Logistics>(ResourceNames.Logistics)
    .WithReference(logisticsDb).WaitFor(logisticsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(inventory);

var notifications = builder.AddProject<Projects.Synkro_Notifications>(ResourceNames.Notifications)
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(messaging).WaitFor(messaging);

var forecasting = builder.AddProject<Projects.Synkro_Forecasting>(ResourceNames.Forecasting)
    .WithReference(forecastingDb).WaitFor(forecastingDb)
    .WithReference(messaging).WaitFor(messaging);

var gateway = builder.AddProject<Projects.Synkro_Gateway>(ResourceNames.Gateway)
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inventory)
    .WithReference(logistics)
    .WithReference(notifications)
    .WithReference(forecasting)
    .WithEnvironment("Identity__SigningKey", jwtSigningKey)
    .WithExternalHttpEndpoints();

builder.AddProject<Projects.Synkro_Web>(ResourceNames.Web)
    .WithReference(gateway).WaitFor(gateway)
    .WithExternalHttpEndpoints();

builder.Build().Run();
