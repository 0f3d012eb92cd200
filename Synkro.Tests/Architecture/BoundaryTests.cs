using System.Xml.Linq;
using NetArchTest.Rules;

namespace Synkro.Tests.Architecture;

/// <summary>
/// The service boundaries, kept by a test rather than by memory: a service talks to another only over
/// HTTP, gRPC or events, so it references no other service's project and uses none of its types;
/// only ServiceDefaults is shared, and ServiceDefaults knows no service. gRPC contracts are compiled
/// from Protos/ into each side under Synkro.Protos, never into another service's namespace.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Architecture")]
public sealed class BoundaryTests
{
    private static readonly string[] Services = ["Synkro.Gateway", "Synkro.Inventory", "Synkro.Logistics", "Synkro.Notifications", "Synkro.Forecasting", "Synkro.Web"];

    [TestCaseSource(nameof(Services))]
    public void A_service_references_no_project_but_ServiceDefaults(string service) =>
        Assert.That(ProjectReferences(service), Is.EqualTo(new[] { "Synkro.ServiceDefaults" }));

    [Test]
    public void ServiceDefaults_references_no_project() =>
        Assert.That(ProjectReferences("Synkro.ServiceDefaults"), Is.Empty);

    [TestCaseSource(nameof(Services))]
    public void A_service_uses_no_type_of_another_service(string service)
    {
        var result = Types.FromFile(BuiltAssembly(service))
            .ShouldNot().HaveDependencyOnAny([.. Services.Where(s => s != service)])
            .GetResult();
        Assert.That(result.IsSuccessful, Is.True, $"{service} uses another service's types in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Test]
    public void ServiceDefaults_uses_no_type_of_any_service()
    {
        var result = Types.FromFile(BuiltAssembly("Synkro.ServiceDefaults")).ShouldNot().HaveDependencyOnAny(Services).GetResult();
        Assert.That(result.IsSuccessful, Is.True, $"ServiceDefaults uses a service's types in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Test]
    public void The_only_shared_projects_are_ServiceDefaults_and_the_hosts()
    {
        var projects = Directory.GetFiles(RepoRoot, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name!.StartsWith("Synkro.", StringComparison.Ordinal));
        Assert.That(projects, Is.EquivalentTo(Services.Concat(["Synkro.ServiceDefaults", "Synkro.AppHost", "Synkro.Tests"])),
            "a new project is either a service or shared; only ServiceDefaults may be shared");
    }

    private static string[] ProjectReferences(string project) =>
        [.. XDocument.Load(Path.Combine(RepoRoot, project, $"{project}.csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))];

    /// <summary>The service's assembly from the same build as this one (the solution builds them all).</summary>
    private static string BuiltAssembly(string project) =>
        Path.GetFullPath(Path.GetDirectoryName(typeof(BoundaryTests).Assembly.Location)!.Replace("Synkro.Tests", project) + $"/{project}.dll");

    private static string RepoRoot => Repository.Root;
}
