using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Synkro.Tests.ServiceDefaults;

/// <summary>The HttpClient defaults of AddServiceDefaults over a fake network, without retry delays.</summary>
internal static class HttpPipeline
{
    public static ServiceProvider Create(HttpMessageHandler network, IDictionary<string, string?>? configuration = null) =>
        Create(() => network, configuration);

    public static ServiceProvider Create(Func<HttpMessageHandler> network, IDictionary<string, string?>? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
        services.AddServiceDiscovery();
        services.ConfigureHttpClientDefaults(http =>
        {
            Microsoft.Extensions.Hosting.ResilienceExtensions.AddStandardResilienceHandler(http, options => options.Retry.Delay = TimeSpan.Zero);
            http.AddServiceDiscovery();
            http.ConfigurePrimaryHttpMessageHandler(network);
        });
        return services.BuildServiceProvider();
    }

    public static HttpClient CreateClient(this ServiceProvider services, string name = "test") =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
}
