using System.Net.Sockets;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Hosting;

/// <summary>Each project process receives Aspire's environment variables, and the values work.</summary>
[TestFixture]
[Category("Hosting")]
public sealed class ProjectEnvironmentTests
{
    private static TestAppHost App => SystemFixture.App;

    private static IEnumerable<(string Service, ReplicaStatus Replica)> Replicas() =>
        App.ReadState()!.Resources.Where(r => r.Type == "Project").SelectMany(r => r.Replicas.Select(x => (r.Name, x)));

    [Test]
    public void Every_replica_gets_urls_environment_and_service_identity()
    {
        var instanceIds = new HashSet<string>();
        foreach (var (service, replica) in Replicas())
        {
            var env = ProcessTable.Environment(replica.Pid!.Value);
            Assert.Multiple(() =>
            {
                Assert.That(env["ASPNETCORE_URLS"], Is.EqualTo(replica.Endpoints[0].Url), service);
                Assert.That(env["ASPNETCORE_ENVIRONMENT"], Is.EqualTo("Development"), service);
                Assert.That(env["OTEL_SERVICE_NAME"], Is.EqualTo(service));
                Assert.That(env["OTEL_RESOURCE_ATTRIBUTES"], Does.StartWith("service.instance.id="), service);
                Assert.That(env["OTEL_EXPORTER_OTLP_ENDPOINT"], Is.EqualTo(SystemFixture.Telemetry.Endpoint), service);
                Assert.That(env["OTEL_EXPORTER_OTLP_PROTOCOL"], Is.EqualTo("http/protobuf"), service);
            });
            Assert.That(instanceIds.Add(env["OTEL_RESOURCE_ATTRIBUTES"]), Is.True, $"{service} replica {replica.Index} shares its instance id");
        }
    }

    [Test]
    public async Task Service_references_list_every_replica_and_each_answers()
    {
        var inventory = App.ReadState()![ResourceNames.Inventory];
        foreach (var consumer in (string[])[ResourceNames.Gateway, ResourceNames.Logistics])
        {
            var env = ProcessTable.Environment(App.ReadState()![consumer].Pid!.Value);
            for (var i = 0; i < inventory.Replicas.Count; i++)
            {
                var url = env[$"services__inventory__http__{i}"];
                Assert.That(url, Is.EqualTo(inventory.Replicas[i].Endpoints[0].Url));
                using var client = new HttpClient { BaseAddress = new Uri(url) };
                Assert.That((await client.GetAsync("/alive")).IsSuccessStatusCode, Is.True, url);
            }

            Assert.That(env.ContainsKey($"services__inventory__http__{inventory.Replicas.Count}"), Is.False);
        }
    }

    [TestCase(ResourceNames.Inventory, ResourceNames.InventoryDb)]
    [TestCase(ResourceNames.Gateway, ResourceNames.IdentityDb)]
    [TestCase(ResourceNames.Logistics, ResourceNames.LogisticsDb)]
    [TestCase(ResourceNames.Notifications, ResourceNames.NotificationsDb)]
    [TestCase(ResourceNames.Forecasting, ResourceNames.ForecastingDb)]
    public async Task Database_connection_string_opens_the_services_own_database(string service, string database)
    {
        var env = ProcessTable.Environment(App.ReadState()![service].Pid!.Value);
        await using var connection = new NpgsqlConnection(env[$"ConnectionStrings__{database}"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(database));
        Assert.That(env[$"ConnectionStrings__{database}"], Is.EqualTo(App.GetConnectionString(database)));
    }

    [Test]
    public async Task Broker_connection_string_connects_to_rabbitmq()
    {
        var env = ProcessTable.Environment(App.ReadState()![ResourceNames.Inventory].Pid!.Value);
        var factory = new ConnectionFactory { Uri = new Uri(env["ConnectionStrings__messaging"]) };
        await using var connection = await factory.CreateConnectionAsync();
        Assert.That(connection.IsOpen, Is.True);
    }

    [Test]
    public async Task Cache_connection_string_authenticates_to_redis()
    {
        var env = ProcessTable.Environment(App.ReadState()![ResourceNames.Inventory].Pid!.Value);
        var parts = env["ConnectionStrings__cache"].Split(',');
        var (host, port) = (parts[0].Split(':')[0], int.Parse(parts[0].Split(':')[1]));
        var password = parts.Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];
        using var client = new TcpClient();
        await client.ConnectAsync(host, port);
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
    public async Task Every_service_exports_telemetry_over_otlp_http_protobuf()
    {
        // Metrics export on a 1 s interval whatever the traffic, so each service shows up within seconds.
        var services = Replicas().Select(r => r.Service).Distinct().ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<string> missing;
        do
        {
            var metrics = SystemFixture.Telemetry.Received.Where(r => r.Path == "/v1/metrics").ToList();
            Assert.That(metrics.All(r => r.ContentType == "application/x-protobuf"), Is.True);
            missing = [.. services.Where(s => !metrics.Any(m => ContainsServiceName(m.Body, s)))];
            await Task.Delay(250);
        }
        while (missing.Count > 0 && DateTime.UtcNow < deadline);

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
