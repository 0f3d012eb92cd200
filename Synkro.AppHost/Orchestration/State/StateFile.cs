using System.Text.Json;
using System.Text.Json.Serialization;

namespace Synkro.Hosting.Orchestration.State;

/// <summary>Writes JSON files atomically (temp file + rename) so a reader never sees half a document.</summary>
internal static class StateFile
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write<T>(string path, T value, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode }))
        {
            JsonSerializer.Serialize(stream, value, Json);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static T? Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return default;
        }
    }
}
