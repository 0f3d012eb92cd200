using System.Text.Json;
using System.Text.Json.Serialization;

namespace Synkro.Inventory.Http;

/// <summary>
/// PostgreSQL's text types cannot hold U+0000, so a NUL that reached a query failed the statement
/// (22021) and answered 500. It is refused where input enters: query and route values by an endpoint
/// filter on the API, JSON strings by the serializer, each as a 400 that names the field.
/// </summary>
public static class NulCharacters
{
    public const string Message = "must not contain the NUL character (U+0000).";

    public static RouteGroupBuilder RejectNulCharacters(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            var errors = request.Query.Where(q => q.Value.Any(v => v?.Contains('\0') == true)).Select(q => q.Key)
                .Concat(request.RouteValues.Where(r => r.Value is string s && s.Contains('\0')).Select(r => r.Key))
                .Distinct()
                .ToDictionary(name => name, _ => new[] { Message });
            return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(context);
        });
        return api;
    }

    /// <summary>Reads JSON strings, refusing a NUL; the reader's exception carries the property's path.</summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0') ? throw new JsonException($"The value {Message}") : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
