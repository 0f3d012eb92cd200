using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A service's OpenAPI document at <c>/openapi/v1.json</c>, with its title and what it is for: the
/// gateway serves it as <c>/openapi/{service}.json</c> to its API reference. In development the
/// service shows Swagger UI on it too.
/// </summary>
public static class ApiDocuments
{
    public static IServiceCollection AddApiDocument(this IServiceCollection services, string title, string description) =>
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Description = description;
            return Task.CompletedTask;
        }));

    public static WebApplication MapApiDocument(this WebApplication app, string title)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(swagger => swagger.SwaggerEndpoint("/openapi/v1.json", title));
        }

        return app;
    }
}
