using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Microsoft.Extensions.ServiceDiscovery;

namespace Synkro.Tests.ServiceDefaults;

[TestFixture]
[CancelAfter(Deadlines.Test)]
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

        var sent = network.Attempts.Select(a => a.Uri.ToString()).ToList();
        Assert.That(sent, Has.All.AnyOf("http://127.0.0.1:5001/api/items?page=2", "http://127.0.0.1:5002/api/items?page=2"));
        Assert.That(sent.Zip(sent.Skip(1)), Has.All.Matches<(string First, string Second)>(pair => pair.First != pair.Second), "round robin: never the same replica twice in a row");
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

        Assert.That(network.Attempts.Single().Uri.ToString(), Is.AnyOf("http://127.0.0.1:5001/api/items", "http://127.0.0.1:5002/api/items"));
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
    public async Task An_unconfigured_service_is_left_to_DNS_under_its_own_name()
    {
        var network = new FakeHttpHandler(HttpStatusCode.OK);
        using var services = HttpPipeline.Create(network);
        using var client = services.CreateClient();

        using var response = await client.GetAsync("https+http://logistics/api");

        Assert.That(network.Attempts.Single().Uri.Host, Is.EqualTo("logistics"), "in a cluster the name is a DNS name (a Kubernetes service)");
    }

    [Test]
    public async Task A_retry_goes_to_the_next_replica()
    {
        var network = new FakeHttpHandler((_, attempt) => new HttpResponseMessage(attempt == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        using var services = HttpPipeline.Create(network, TwoInventoryReplicas);
        using var client = services.CreateClient();

        using var response = await client.GetAsync("http://inventory/api/items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(network.Attempts.Select(a => a.Uri.Port), Is.EquivalentTo(new[] { 5001, 5002 }), "the retry went to the other replica");
    }

    [Test]
    public async Task The_resolver_works_without_HttpClient_and_accepts_bare_host_and_port()
    {
        using var services = HttpPipeline.Create(new FakeHttpHandler(HttpStatusCode.OK), new Dictionary<string, string?>
        {
            ["services:gateway:http:0"] = "localhost:6000",
        });
        var resolver = services.Services.GetRequiredService<ServiceEndpointResolver>();

        var gateway = await resolver.GetEndpointsAsync("http://gateway", CancellationToken.None);

        Assert.That(gateway.Endpoints.Single().EndPoint, Is.EqualTo(new System.Net.DnsEndPoint("localhost", 6000)));
    }
}
