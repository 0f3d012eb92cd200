using System.Diagnostics;

namespace Synkro.Tests.Messaging;

/// <summary>
/// The services load Wolverine's handler code pre-generated (TypeLoadMode.Static), so code that no
/// longer matches the handlers would fail only when a message arrives. This regenerates each
/// service's code into a scratch directory and fails, naming the command, when the committed
/// Internal/Generated differs.
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Messaging")]
public sealed class GeneratedCodeTests
{
    [TestCase("Synkro.Inventory", "inventorydb")]
    [TestCase("Synkro.Logistics", "logisticsdb")]
    [TestCase("Synkro.Notifications", "notificationsdb")]
    [TestCase("Synkro.Forecasting", "forecastingdb")]
    [TestCase("Synkro.Tests", "probedb", "messaging-probe")]
    public async Task Committed_generated_code_matches_the_handlers(string project, string database, string? command = null)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name; // bin/<Debug|Release>/net10.0
        var assembly = Path.Combine(root, project, "bin", configuration, "net10.0", $"{project}.dll");
        var scratch = Path.Combine(Path.GetTempPath(), "synkro-codegen", Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(root, project) };
        info.ArgumentList.Add(assembly);
        if (command is not null)
        {
            info.ArgumentList.Add(command);
        }

        info.ArgumentList.Add("codegen");
        info.ArgumentList.Add("write");
        // Nothing is connected to: the host is only built to generate code.
        info.Environment["Messaging__GeneratedCodePath"] = scratch;
        info.Environment[$"ConnectionStrings__{database}"] = "Host=127.0.0.1;Database=none";
        info.Environment["ConnectionStrings__messaging"] = "amqp://guest:guest@127.0.0.1:1";
        info.Environment["ConnectionStrings__cache"] = "127.0.0.1:1";
        info.Environment["Probe__Subscribe"] = "true";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await output + await errors);

        try
        {
            var committed = Files(Path.Combine(root, project, "Internal", "Generated"));
            var generated = Files(scratch);
            var regenerate = $"stale: run `{(command is null ? $"dotnet run --project {project} -- codegen write" : $"cd {project} && dotnet bin/Debug/net10.0/{project}.dll {command} codegen write")}` and commit Internal/Generated";
            Assert.That(committed.Keys, Is.EquivalentTo(generated.Keys), regenerate);
            foreach (var (file, code) in generated)
            {
                Assert.That(committed[file], Is.EqualTo(code), $"{file} {regenerate}");
            }
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllText)
            : [];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Synkro.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("Synkro.sln not found above the test directory");
        }

        return directory.FullName;
    }
}
