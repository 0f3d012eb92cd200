using System.Net;
using System.Text.Json;

namespace Synkro.Web.Api;

/// <summary>
/// A refusal from the API, as its problem details say it: the title, the detail, the field errors,
/// and for a reservation the shortages. Pages show <see cref="Message"/>; nothing else of the
/// response (and never a stack trace) reaches the screen.
/// </summary>
public sealed class ApiProblem(HttpStatusCode status, string title, string? detail, IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<string> shortages)
    : Exception(title)
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public IReadOnlyList<string> Shortages { get; } = shortages;

    public override string Message => string.Join(" ", new[] { Title, Detail }
        .Concat(Errors.SelectMany(e => e.Value))
        .Concat(Shortages.Count > 0 ? [$"Short: {string.Join(", ", Shortages)}."] : [])
        .Where(s => !string.IsNullOrWhiteSpace(s)));

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var json = JsonDocument.Parse(text).RootElement;
            var errors = json.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray())
                : [];
            var shortages = json.TryGetProperty("shortages", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().Select(x => $"{x.GetProperty("sku").GetString()} (asked {x.GetProperty("requested").GetInt32()}, available {x.GetProperty("available").GetInt32()})").ToList()
                : [];
            return new ApiProblem(response.StatusCode, Text(json, "title") ?? response.ReasonPhrase ?? "Refused", Text(json, "detail"), errors, shortages);
        }
        catch (JsonException)
        {
            return new ApiProblem(response.StatusCode, $"The service answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, new Dictionary<string, string[]>(), []);
        }
    }

    private static string? Text(JsonElement json, string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
