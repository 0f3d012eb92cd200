using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Synkro.ServiceDefaults.Discovery;

namespace Synkro.Tests.ServiceDefaults;

[TestFixture]
[Category("ServiceDefaults")]
public sealed class ServiceDiscoveryTests
{
    private static readonly Dictionary<string, string?> TwoInventoryReplicas = new()
    {
        ["services:inventory:http:0"] = "http://127.0.0.1:5001",
        ["services:inventory:http:1"] = "http://127.0.0.1:5002",
    };

    [Test]
    public async Task Requests_to_a_service_take_its_replicas_in_turn_and_keep_path_and_query()
    {
        var network = new FakeHttpHandler(HttpStatusCode.OK);
        using var services = HttpPipeline.Create(network, TwoInventoryReplicas);
        using var client = services.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("http://inventory/api/items?page=2");
        }

        Assert.That(network.Attempts.Select(a => a.Uri.ToString()), Is.EqualTo(new[]
        {
            "http://127.0.0.1:5001/api/items?page=2",
            "http://127.0.0.1:5002/api/items?page=2",
            "http://127.0.0.1:5001/api/items?page=2",
            "http://127.0.0.1:5002/api/items?page=2",
        }));
    }

    [Test]
    public async Task Https_plus_http_prefers_https_replicas()
    {
        var network = new FakeHttpHandler(HttpStatusCode.OK);
        using var services = HttpPipeline.Create(network, new Dictionary<string, string?>(TwoInventoryReplicas)
        {
            ["services:inventory:https:0"] = "https://127.0.0.1:7001",
        });
        using var client = services.CreateClient();
        client.BaseAddress = new Uri("https+http://inventory");

        using var response = await client.GetAsync("/api/items");

        Assert.That(network.Attempts.Single().Uri, Is.EqualTo(new Uri("https://127.0.0.1:7001/api/items")));
    }

    [Test]
    public async Task Https_plus_http_falls_back_to_http_replicas()
    {
        var network = new FakeHttpHandler(HttpStatusCode.OK);
        using var services = HttpPipeline.Create(network, TwoInventoryReplicas);
        using var client = services.CreateClient();

        using var response = await client.GetAsync("https+http://inventory/api/items");

        Assert.That(network.Attempts.Single().Uri, Is.EqualTo(new Uri("http://127.0.0.1:5001/api/items")));
        Assert.That(response.RequestMessage!.RequestUri, Is.EqualTo(new Uri("https+http://inventory/api/items")), "the logical address is restored");
    }

    [Test]
    public async Task Hosts_that_are_not_configured_services_pass_through_untouched()
    {
        var network = new FakeHttpHandler(HttpStatusCode.OK);
        using var services = HttpPipeline.Create(network, TwoInventoryReplicas);
        using var client = services.CreateClient();

        using var response = await client.GetAsync("http://example.org:8080/path?q=1");

        Assert.That(network.Attempts.Single().Uri, Is.EqualTo(new Uri("http://example.org:8080/path?q=1")));
    }

    [Test]
    public void An_unconfigured_service_behind_https_plus_http_fails_with_the_missing_key()
    {
        using var services = HttpPipeline.Create(new FakeHttpHandler(HttpStatusCode.OK));
        using var client = services.CreateClient();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("https+http://logistics/api"));

        Assert.That(error!.Message, Does.Contain("services:logistics:http:0"));
    }

    [Test]
    public async Task A_retry_goes_to_the_next_replica()
    {
        var network = new FakeHttpHandler((request, _) => new HttpResponseMessage(
            request.RequestUri!.Port == 5001 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        using var services = HttpPipeline.Create(network, TwoInventoryReplicas);
        using var client = services.CreateClient();

        using var response = await client.GetAsync("http://inventory/api/items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(network.Attempts.Select(a => a.Uri.Port), Is.EqualTo(new[] { 5001, 5002 }));
    }

    [Test]
    public void The_resolver_works_without_HttpClient_and_accepts_bare_host_and_port()
    {
        using var services = HttpPipeline.Create(new FakeHttpHandler(HttpStatusCode.OK), new Dictionary<string, string?>
        {
            ["services:gateway:http:0"] = "localhost:6000",
        });
        var resolver = services.GetRequiredService<IServiceEndpointResolver>();

        Assert.That(resolver.TryResolve(new Uri("http://gateway/api/orders/7"), out var resolved), Is.True);
        Assert.That(resolved, Is.EqualTo(new Uri("http://localhost:6000/api/orders/7")));
        Assert.That(resolver.TryResolve(new Uri("http://unknown/"), out _), Is.False);
    }
}
