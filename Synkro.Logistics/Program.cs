using Synkro.Logistics.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLogisticsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
