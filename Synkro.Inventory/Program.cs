using Synkro.Inventory;
using Synkro.Inventory.Seeding;

if (args is ["seed", .. var seedArgs])
{
    return await SeedCommand.RunAsync(seedArgs);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInventoryServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapInventoryApi();
await app.RunAsync();
return 0;
