using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Synkro.Tests.Hosting;

/// <summary>
/// A local run starts one instance of each service, so F5 on a laptop stays small; configuration
/// asks for more. (The manifest keeps two of inventory and the gateway: ManifestTests holds it to
/// the checked-in file.)
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class ReplicaTests
{
    [Test]
    public async Task A_local_run_has_one_instance_of_each_service()
    {
        var replicas = await ReplicasAsync();
        Assert.That(replicas, Has.All.Property("Value").EqualTo(1), string.Join(", ", replicas));
        Assert.That(replicas.Keys, Is.SupersetOf(new[] { ResourceNames.Inventory, ResourceNames.Gateway, ResourceNames.Logistics }));
    }

    [Test]
    public async Task Configuration_sets_a_services_replicas()
    {
        var replicas = await ReplicasAsync("--Replicas:inventory=3");
        Assert.Multiple(() =>
        {
            Assert.That(replicas[ResourceNames.Inventory], Is.EqualTo(3));
            Assert.That(replicas[ResourceNames.Gateway], Is.EqualTo(1));
        });
    }

    [Test]
    public void A_replica_count_that_is_not_a_whole_number_above_zero_is_refused_by_name()
    {
        var refused = Assert.ThrowsAsync<DistributedApplicationException>(() => ReplicasAsync("--Replicas:gateway=0"));
        Assert.That(refused!.Message, Does.Contain("Replicas:gateway").And.Contain("'0'"));
    }

    private static async Task<Dictionary<string, int>> ReplicasAsync(params string[] arguments)
    {
        var runDirectory = SynkroApp.NewRunDirectory();
        try
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Synkro_AppHost>(["--run-dir", runDirectory, .. arguments]);
            return builder.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name, p => p.GetReplicaCount());
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }
}
