using Synkro.Logistics.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLogisticsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLogisticsApi();
// `dotnet run -- codegen write` regenerates Wolverine's handler code instead of running.
return await app.RunOrWriteGeneratedCodeAsync(args);
