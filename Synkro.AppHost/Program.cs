using Synkro;
using Synkro.AppHost.Hosting;
using Synkro.Security;

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
var webDb = postgres.AddDatabase(ResourceNames.WebDb);
var cache = builder.AddRedisServer(ResourceNames.Cache);
var mail = builder.AddMailServer(ResourceNames.Mail);

// Generated once and persisted by Aspire, never written in code: the first admin's password (the
// dashboard shows it under Parameters), and the secret that protects the gateway's signing keys.
var adminPassword = builder.AddPassword("admin-password", minLength: 16);
var identitySecret = builder.AddPassword("identity-secret", minLength: 48);

var inventory = builder.AddService<Projects.Synkro_Inventory>(ResourceNames.Inventory)
    .WithReference(inventoryDb).WaitFor(inventoryDb)
    .WithReference(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithGrpcEndpoint()
    .WithDeployedReplicas(2);

var logistics = builder.AddService<Projects.Synkro_Logistics>(ResourceNames.Logistics)
    .WithReference(logisticsDb).WaitFor(logisticsDb)
    .WithReference(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inventory)
    .WithGrpcEndpoint();

var notifications = builder.AddService<Projects.Synkro_Notifications>(ResourceNames.Notifications)
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithReference(mail)
    .WithReference(logistics);

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
    .WithEnvironment("Identity__AdminPassword", adminPassword)
    .WithEnvironment("Identity__Secret", identitySecret)
    .WithDeployedReplicas(2)
    .WithExternalHttpEndpoints();
gateway.WithIssuer(gateway);
inventory.WithTokensFrom(gateway);
// Logistics reserves and commits stock for orders from its own background steps: as a clerk would.
logistics.WithServiceIdentity(gateway, Roles.Clerk);
// Notifications looks up who receives an alert (names and email addresses of a role's users, an
// order's customer from Logistics as a viewer would), and no more.
notifications.WithServiceIdentity(gateway, Roles.Viewer, ServiceScopes.Directory);

// The staff UI signs people in at the gateway (its issuer), keeps their sessions' tokens in Redis,
// and the installation's branding in its own database.
var web = builder.AddService<Projects.Synkro_Web>(ResourceNames.Web)
    .WithReference(webDb).WaitFor(webDb)
    .WithReference(gateway).WaitFor(gateway)
    .WithReference(cache).WaitFor(cache)
    .WithIssuer(gateway)
    .WithExternalHttpEndpoints();
gateway.WithEnvironment("Cors__Origins__0", web.GetEndpoint("http"))
    .WithEnvironment("Identity__WebRedirectUris__0", ReferenceExpression.Create($"{web.GetEndpoint("http")}/signin-oidc"));

builder.AddStateFile();
builder.Build().Run();
return 0;
