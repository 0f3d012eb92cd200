using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.Testing;
using Npgsql;
using RabbitMQ.Client;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Hosting;

/// <summary>Each project process receives Aspire's environment variables, and the values work.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class ProjectEnvironmentTests
{
    private static SynkroApp App => SystemFixture.App;

    private static readonly string[] Projects =
        [ResourceNames.Gateway, ResourceNames.Inventory, ResourceNames.Logistics, ResourceNames.Notifications, ResourceNames.Forecasting, ResourceNames.Web];

    private static IReadOnlyDictionary<string, string> EnvironmentOf(string resource) =>
        ProcessTable.Environment(App.Instances(resource)[0].Pid!.Value);

    [Test]
    public async Task Every_instance_listens_where_aspire_says_and_has_its_own_service_identity()
    {
        var instanceIds = new HashSet<string>();
        foreach (var service in Projects)
        {
            foreach (var instance in App.Instances(service))
            {
                var env = ProcessTable.Environment(instance.Pid!.Value);
                Assert.Multiple(() =>
                {
                    Assert.That(env["OTEL_SERVICE_NAME"], Is.EqualTo(service));
                    Assert.That(env["ASPNETCORE_ENVIRONMENT"], Is.EqualTo("Development"), service);
                    Assert.That(env["OTEL_RESOURCE_ATTRIBUTES"], Does.Contain("service.instance.id="), service);
                    Assert.That(env["OTEL_EXPORTER_OTLP_ENDPOINT"], Is.EqualTo(SystemFixture.Telemetry.Endpoint), service);
                });
                Assert.That(instanceIds.Add(env["OTEL_RESOURCE_ATTRIBUTES"]), Is.True, $"{service} instance {instance.Id} shares its instance id");
                using var client = new HttpClient { BaseAddress = new Uri(env["ASPNETCORE_URLS"].Split(';')[0]) };
                Assert.That((await client.GetAsync("/alive")).IsSuccessStatusCode, Is.True, $"{service} at its ASPNETCORE_URLS");
            }
        }
    }

    [Test]
    public async Task Service_references_resolve_to_the_endpoint_that_spreads_over_the_replicas()
    {
        var inventory = App.App.GetEndpoint(ResourceNames.Inventory, "http");
        foreach (var consumer in (string[])[ResourceNames.Gateway, ResourceNames.Logistics])
        {
            var url = EnvironmentOf(consumer)["services__inventory__http__0"];
            Assert.That(new Uri(url), Is.EqualTo(inventory), consumer);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.That((await client.GetAsync("/alive")).IsSuccessStatusCode, Is.True, url);
        }
    }

    [TestCase(ResourceNames.Inventory, ResourceNames.InventoryDb)]
    [TestCase(ResourceNames.Gateway, ResourceNames.IdentityDb)]
    [TestCase(ResourceNames.Logistics, ResourceNames.LogisticsDb)]
    [TestCase(ResourceNames.Notifications, ResourceNames.NotificationsDb)]
    [TestCase(ResourceNames.Forecasting, ResourceNames.ForecastingDb)]
    [TestCase(ResourceNames.Web, ResourceNames.WebDb)]
    public async Task Database_connection_string_and_variables_open_the_services_own_database(string service, string database)
    {
        var env = EnvironmentOf(service);
        Assert.That(env[$"ConnectionStrings__{database}"], Is.EqualTo(App.GetConnectionString(database)));
        await using var connection = new NpgsqlConnection(env[$"ConnectionStrings__{database}"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(database));

        // The variables Aspire's PostgreSQL integration injects beside the connection string.
        var prefix = database.ToUpperInvariant();
        Assert.That(env[$"{prefix}_DATABASENAME"], Is.EqualTo(database));
        Assert.That(env[$"{prefix}_USERNAME"], Is.EqualTo("postgres"));
        Assert.That(env[$"{prefix}_URI"], Does.StartWith($"postgresql://postgres:").And.EndWith($":{env[$"{prefix}_PORT"]}/{database}"));
        Assert.That(env[$"{prefix}_HOST"], Is.EqualTo("localhost"));
    }

    [Test]
    public async Task Broker_connection_string_and_uri_connect_to_rabbitmq()
    {
        var env = EnvironmentOf(ResourceNames.Inventory);
        Assert.That(env["MESSAGING_URI"], Is.EqualTo(env["ConnectionStrings__messaging"]));
        var factory = new ConnectionFactory { Uri = new Uri(env["ConnectionStrings__messaging"]) };
        await using var connection = await factory.CreateConnectionAsync();
        Assert.That(connection.IsOpen, Is.True);
        Assert.That(env["MESSAGING_PORT"], Is.EqualTo(new Uri(env["MESSAGING_URI"]).Port.ToString()));
    }

    [Test]
    public async Task Cache_connection_string_authenticates_to_redis()
    {
        var env = EnvironmentOf(ResourceNames.Inventory);
        var parts = env["ConnectionStrings__cache"].Split(',');
        var password = parts.Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];
        Assert.That(env["CACHE_PASSWORD"], Is.EqualTo(password));
        using var client = new TcpClient();
        await client.ConnectAsync(env["CACHE_HOST"], int.Parse(env["CACHE_PORT"]));
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"AUTH {password}\r\nPING\r\n"));
        var buffer = new byte[64];
        var reply = new StringBuilder();
        while (!reply.ToString().Contains("PONG") && !reply.ToString().Contains("ERR"))
        {
            reply.Append(Encoding.UTF8.GetString(buffer, 0, await stream.ReadAsync(buffer)));
        }

        Assert.That(reply.ToString(), Is.EqualTo("+OK\r\n+PONG\r\n"));
    }

    [Test]
    public async Task Every_service_exports_telemetry_over_otlp()
    {
        // Metrics export on an interval whatever the traffic, so each service shows up within seconds.
        var deadline = Deadlines.In(Deadlines.Eventually);
        List<string> missing;
        do
        {
            var metrics = SystemFixture.Telemetry.Received.Where(r => r.Path == "/v1/metrics").ToList();
            missing = [.. Projects.Where(s => !metrics.Any(m => ContainsServiceName(m.Body, s)))];
            await Task.Delay(250);
        }
        while (missing.Count > 0 && !deadline.Passed);

        Assert.That(missing, Is.Empty, "services whose metrics never arrived");
        Assert.That(SystemFixture.Telemetry.Received.Any(r => r.Path == "/v1/logs"), Is.True, "no logs exported");
    }

    // The resource's service.name is a plain UTF-8 string field inside the protobuf payload, preceded by its length.
    private static bool ContainsServiceName(byte[] body, string service)
    {
        byte[] needle = [(byte)service.Length, .. Encoding.UTF8.GetBytes(service)];
        return body.AsSpan().IndexOf(needle) >= 0;
    }
}
