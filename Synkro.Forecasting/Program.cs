using Synkro.Forecasting.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddForecastingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
// `dotnet run -- codegen write` regenerates Wolverine's handler code instead of running.
return await app.RunOrWriteGeneratedCodeAsync(args);
