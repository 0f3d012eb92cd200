using Synkro.Gateway.Extensions;
using Synkro.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();
builder.AddGatewayRouting();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGatewayRouting();
app.Run();
