using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Synkro.ServiceDefaults.Health;

/// <summary>
/// Writes the whole report, not just the overall status, so the AppHost, the tests and a person
/// with curl can see which dependency failed and why, without a trip to the logs.
/// </summary>
internal static class HealthReportJsonWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        // Written to memory first: Utf8JsonWriter flushes synchronously, which Kestrel refuses.
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });

        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("totalDuration", report.TotalDuration.ToString("c"));
        json.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            WriteEntry(json, name, entry);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static void WriteEntry(Utf8JsonWriter json, string name, HealthReportEntry entry)
    {
        json.WriteStartObject(name);
        json.WriteString("status", entry.Status.ToString());
        json.WriteString("description", entry.Description);
        json.WriteString("duration", entry.Duration.ToString("c"));
        if (entry.Exception is not null)
        {
            // The message says what went wrong; the stack trace stays in the logs.
            json.WriteString("exception", entry.Exception.Message);
        }

        json.WriteStartArray("tags");
        foreach (var tag in entry.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteStartObject("data");
        foreach (var (key, value) in entry.Data)
        {
            json.WritePropertyName(key);
            JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
