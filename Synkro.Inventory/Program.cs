using Synkro.Inventory.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInventoryServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
