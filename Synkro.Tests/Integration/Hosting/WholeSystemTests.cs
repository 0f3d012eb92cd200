using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Hosting;

[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class WholeSystemTests
{
    private static SynkroApp App => SystemFixture.App;

    // What each service must report on /health, by the names Aspire's client integrations give their
    // checks: the DbContext's type for a database, "StackExchange.Redis" for the cache.
    private const string Redis = "StackExchange.Redis";

    private static readonly Dictionary<string, string[]> Dependencies = new()
    {
        [ResourceNames.Gateway] = ["IdentityDb", Redis],
        [ResourceNames.Inventory] = ["InventoryDbContext", ResourceNames.Messaging, Redis],
        [ResourceNames.Logistics] = ["LogisticsDbContext", ResourceNames.Messaging],
        [ResourceNames.Notifications] = ["NotificationsDbContext", ResourceNames.Messaging, Redis],
        [ResourceNames.Forecasting] = ["ForecastingDbContext", ResourceNames.Messaging],
        [ResourceNames.Web] = ["WebDbContext", ResourceNames.Gateway, Redis],
    };

    [Test]
    public void Every_resource_of_the_model_is_started_and_healthy()
    {
        string[] expected =
        [
            ResourceNames.Postgres, ResourceNames.IdentityDb, ResourceNames.InventoryDb, ResourceNames.LogisticsDb,
            ResourceNames.NotificationsDb, ResourceNames.ForecastingDb, ResourceNames.WebDb, ResourceNames.Messaging, ResourceNames.Cache, ResourceNames.Mail,
            .. Dependencies.Keys,
        ];
        Assert.That(App.Resources.Select(r => r.Name), Is.SupersetOf(expected));
        foreach (var name in expected)
        {
            Assert.That(App.Instances(name), Is.Not.Empty.And.All.Property(nameof(ResourceInstance.Health)).EqualTo(HealthStatus.Healthy), name);
        }

        Assert.That(App.Instances(ResourceNames.Inventory), Has.Count.EqualTo(2), "inventory runs two replicas");
    }

    [TestCaseSource(nameof(Services))]
    public async Task Service_health_is_healthy_and_names_its_dependencies(string service)
    {
        foreach (var client in App.CreateInstanceClients(service))
        {
            using var response = await client.GetAsync("/health");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            using var json = JsonDocument.Parse(body);
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("Healthy"), body);
            var entries = json.RootElement.GetProperty("entries");
            foreach (var dependency in Dependencies[service])
            {
                Assert.That(entries.TryGetProperty(dependency, out var entry), Is.True, $"{service} /health lacks '{dependency}': {body}");
                Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("Healthy"), body);
            }
        }
    }

    [TestCaseSource(nameof(Services))]
    public async Task Service_alive_endpoint_answers(string service)
    {
        using var client = App.CreateHttpClient(service);
        using var response = await client.GetAsync("/alive");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static IEnumerable<string> Services() => Dependencies.Keys;
}
