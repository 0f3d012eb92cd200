using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Synkro.Tests.Hosting;

/// <summary>
/// aspire-manifest.json is the deployment contract that tools such as aspirate read, so it is committed.
/// These tests keep it equal to what the AppHost publishes and valid against the schema those tools go by.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class ManifestTests
{
    private const string RegenerateCommand =
        "dotnet run --project Synkro.AppHost -- --publisher manifest --output-path ../aspire-manifest.json";

    private static string RepoRoot => Repository.Root;

    private static string CommittedManifest => Path.Combine(RepoRoot, "aspire-manifest.json");

    /// <summary>Containers may be v0 or v1 (v1 when an image is built); the rest has one form.</summary>
    private static readonly (string Name, string[] Types)[] ExpectedTypes =
    [
        (ResourceNames.Postgres, ["container.v0", "container.v1"]),
        (ResourceNames.Messaging, ["container.v0", "container.v1"]),
        (ResourceNames.Cache, ["container.v0", "container.v1"]),
        .. new[] { ResourceNames.IdentityDb, ResourceNames.InventoryDb, ResourceNames.LogisticsDb, ResourceNames.NotificationsDb, ResourceNames.ForecastingDb, ResourceNames.WebDb }
            .Select(name => (name, new[] { "value.v0" })),
        .. new[] { ResourceNames.Gateway, ResourceNames.Inventory, ResourceNames.Logistics, ResourceNames.Notifications, ResourceNames.Forecasting, ResourceNames.Web }
            .Select(name => (name, new[] { "project.v0" })),
        // The mail server's connection string holds its credentials: a secret parameter, the real server's in a deployment.
        .. new[] { $"{ResourceNames.Postgres}-password", $"{ResourceNames.Messaging}-password", $"{ResourceNames.Cache}-password", "admin-password", "identity-secret", ResourceNames.Mail }
            .Select(name => (name, new[] { "parameter.v0" })),
    ];

    [Test]
    public async Task Committed_manifest_is_what_the_AppHost_publishes()
    {
        // Beside the committed file, not in a temp folder: the publisher writes project paths relative to the
        // manifest's folder, so only a file in the same folder can come out identical.
        var generated = Path.Combine(RepoRoot, $"aspire-manifest.{Guid.NewGuid():N}.tmp.json");
        try
        {
            await PublishManifestAsync(generated);
            var published = JsonNode.Parse(await File.ReadAllTextAsync(generated));
            var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedManifest));

            Assert.That(JsonNode.DeepEquals(committed, published), Is.True,
                $"aspire-manifest.json is stale (resources that differ: {string.Join(", ", DifferingResources(committed, published))}). " +
                $"Regenerate it from the repository root with: {RegenerateCommand}");
        }
        finally
        {
            File.Delete(generated);
        }
    }

    [Test]
    public void Committed_manifest_is_valid_and_holds_the_deployable_resources()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(CommittedManifest))!;
        var schema = JsonSchema.FromFile(Path.Combine(RepoRoot, "..", "shared", "schemas", "aspire-8.0.json"));

        var result = schema.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var types = manifest["resources"]!.AsObject().ToDictionary(r => r.Key, r => r.Value?["type"]?.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, $"aspire-manifest.json does not match aspire-8.0.json:{Environment.NewLine}{Describe(result)}");
            foreach (var (name, expected) in ExpectedTypes)
            {
                Assert.That(types.GetValueOrDefault(name), Is.AnyOf(expected), $"type of resource '{name}'");
            }

            // A parameter that is not secret would be deployed as plain configuration (a ConfigMap), not a Secret.
            foreach (var (name, _) in ExpectedTypes.Where(e => e.Types.Contains("parameter.v0")))
            {
                Assert.That(manifest["resources"]?[name]?["inputs"]?["value"]?["secret"]?.GetValue<bool>(), Is.True, $"'{name}' is secret");
            }

            // Run mode's servers, their installer and helpers are executables on this machine: a cluster gets none.
            Assert.That(types.Where(t => t.Value == "executable.v0").Select(t => t.Key), Is.Empty, "executable resources");
            Assert.That(Strings(manifest).Where(s => s.Contains(RepoRoot, StringComparison.Ordinal)), Is.Empty,
                $"values holding this checkout's absolute path {RepoRoot}");
        });
    }

    /// <summary>Runs the built AppHost as a user would, in publish mode, so nothing of the test host leaks in.</summary>
    private static async Task PublishManifestAsync(string outputPath)
    {
        // The AppHost built in the same configuration as this assembly (the test project references it).
        var configuration = typeof(ManifestTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var appHost = Path.Combine(RepoRoot, "Synkro.AppHost", "bin", configuration, "net10.0", "Synkro.AppHost.dll");
        Assert.That(appHost, Does.Exist, $"build Synkro.AppHost ({configuration}) first");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { appHost, "--publisher", "manifest", "--output-path", outputPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = Deadlines.Within(Deadlines.ResourceStart);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the AppHost did not publish within 2 minutes:{Environment.NewLine}{await output}{await errors}");
        }

        Assert.That(process.ExitCode, Is.Zero, $"the AppHost failed to publish the manifest:{Environment.NewLine}{await output}{await errors}");
    }

    private static IEnumerable<string> DifferingResources(JsonNode? committed, JsonNode? published)
    {
        var before = committed?["resources"]?.AsObject() ?? [];
        var after = published?["resources"]?.AsObject() ?? [];
        return before.Select(r => r.Key).Union(after.Select(r => r.Key))
            .Where(name => !JsonNode.DeepEquals(before[name], after[name]))
            .DefaultIfEmpty("none; the difference is outside 'resources'");
    }

    /// <summary>Every string in the document, property names included.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>
    /// The resources that match no form of the schema, with the errors of the forms their "type" selects:
    /// the other branches of the schema's oneOf fail on everything and would bury the one error that matters.
    /// </summary>
    private static string Describe(EvaluationResults result)
    {
        const string forms = "/properties/resources/additionalProperties";
        static string Branch(EvaluationResults d) => string.Join('/', d.EvaluationPath.ToString().Split('/').Take(6));
        var details = result.Details.Where(d => d.HasErrors).ToList();
        var invalid = result.Details
            .Where(d => !d.IsValid && d.EvaluationPath.ToString() == forms)
            .Select(d => d.InstanceLocation.ToString()).ToHashSet();
        var otherTypes = details.Where(d => invalid.Contains(d.InstanceLocation.ToString().Replace("/type", ""))
            && d.InstanceLocation.ToString().EndsWith("/type", StringComparison.Ordinal)).Select(Branch).ToHashSet();
        var errors = details
            .Where(d => invalid.Any(r => d.InstanceLocation.ToString().StartsWith(r + "/", StringComparison.Ordinal)) && !otherTypes.Contains(Branch(d)))
            .SelectMany(d => d.Errors!.Values.Select(e => $"  {d.InstanceLocation}: {e}"))
            .Distinct().Take(20);
        return string.Join(Environment.NewLine, invalid.Select(r => $"  {r}: matches no resource form").Concat(errors));
    }
}
