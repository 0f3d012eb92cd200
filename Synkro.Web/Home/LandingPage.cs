namespace Synkro.Web.Home;

/// <summary>
/// Served from code rather than wwwroot so the page is there whatever directory the AppHost
/// starts the process in; the Blazor staff UI replaces it.
/// </summary>
public static class LandingPage
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Synkro staff UI</title>
          <style>body { font-family: system-ui, sans-serif; margin: 3rem; color: #1f2937; }</style>
        </head>
        <body>
          <h1>Synkro staff UI</h1>
          <p>Inventory, logistics and forecasting for Synkro staff.</p>
        </body>
        </html>
        """;

    public static IEndpointRouteBuilder MapLandingPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));
        return endpoints;
    }
}
