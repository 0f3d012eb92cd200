using Synkro.Notifications.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotificationsApi();
// `dotnet run -- codegen write` regenerates Wolverine's handler code instead of running.
return await app.RunOrWriteGeneratedCodeAsync(args);
