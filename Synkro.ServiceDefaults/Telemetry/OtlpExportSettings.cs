using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Synkro.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP exporter settings read from the host's configuration rather than left to the exporter,
/// which only sees environment variables: values from appsettings or the command line count too.
/// </summary>
internal sealed record OtlpExportSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? Headers)
{
    /// <summary>Returns null when no endpoint is configured: then nothing is exported.</summary>
    public static OtlpExportSettings? FromConfiguration(IConfiguration configuration)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]?.Trim().ToLowerInvariant() switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            "grpc" or null or "" => OtlpExportProtocol.Grpc,
            var other => throw new InvalidOperationException(
                $"OTEL_EXPORTER_OTLP_PROTOCOL '{other}' is not supported; use 'grpc' or 'http/protobuf'."),
        };

        return new OtlpExportSettings(new Uri(endpoint, UriKind.Absolute), protocol, configuration["OTEL_EXPORTER_OTLP_HEADERS"]);
    }

    /// <param name="signalPath">"v1/traces", "v1/metrics" or "v1/logs".</param>
    public void Apply(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = Protocol;
        // An endpoint set in code is used as is, unlike OTEL_EXPORTER_OTLP_ENDPOINT: over
        // http/protobuf the exporter would post every signal to the bare base address.
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf ? AppendPath(Endpoint, signalPath) : Endpoint;
        if (!string.IsNullOrEmpty(Headers))
        {
            options.Headers = Headers;
        }

        // The exporter would otherwise take its HttpClient from IHttpClientFactory, where the
        // defaults add service discovery and retries meant for calls between services.
        var timeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds);
        options.HttpClientFactory = () => new HttpClient { Timeout = timeout };
    }

    private static Uri AppendPath(Uri baseAddress, string signalPath)
    {
        var builder = new UriBuilder(baseAddress);
        builder.Path = builder.Path.TrimEnd('/') + "/" + signalPath;
        return builder.Uri;
    }
}
