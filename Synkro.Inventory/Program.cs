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
// `dotnet run -- codegen write` regenerates Wolverine's handler code instead of running.
return await app.RunOrWriteGeneratedCodeAsync(args);
