using Synkro.Web.Extensions;
using Synkro.Web.Home;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLandingPage();
app.Run();
