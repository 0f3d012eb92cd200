using System.Text.Json;
using System.Text.Json.Serialization;

namespace Synkro.Inventory.Http;

/// <summary>The JSON of the API (web defaults, enums by name), also used for stored idempotent responses.</summary>
public static class InventoryJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new NulCharacters.JsonConverter());
        return options;
    }
}
