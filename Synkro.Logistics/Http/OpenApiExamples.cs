using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Synkro.Logistics.Http;

/// <summary>
/// A request example in the OpenAPI document, written as the contract record itself so it cannot drift
/// from the type, and serialized with the API's own JSON options (enums as strings).
/// </summary>
internal static class OpenApiExamples
{
    public static RouteHandlerBuilder WithRequestExample<T>(this RouteHandlerBuilder endpoint, T example) =>
        endpoint.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
            {
                var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                media.Example = JsonSerializer.SerializeToNode(example, json);
            }

            return Task.CompletedTask;
        });
}
