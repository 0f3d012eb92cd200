using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace Synkro.Tests.ServiceDefaults;

/// <summary>
/// The HttpClient defaults exactly as AddServiceDefaults wires them, over a fake network: only the
/// retry delay is taken to zero (and whatever a test adjusts), so the tests run in milliseconds.
/// </summary>
internal static class HttpPipeline
{
    public static IHost Create(
        HttpMessageHandler network, IDictionary<string, string?>? configuration = null, Action<HttpStandardResilienceOptions>? adjust = null, Action<IServiceCollection>? configureServices = null) =>
        Create(() => network, configuration, adjust, configureServices);

    public static IHost Create(
        Func<HttpMessageHandler> network, IDictionary<string, string?>? configuration = null, Action<HttpStandardResilienceOptions>? adjust = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options =>
        {
            options.Retry.Delay = TimeSpan.Zero;
            adjust?.Invoke(options);
        });
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(network));
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    public static HttpClient CreateClient(this IHost host, string name = "test") =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
}
