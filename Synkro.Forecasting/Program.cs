using Synkro.Forecasting.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddForecastingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
