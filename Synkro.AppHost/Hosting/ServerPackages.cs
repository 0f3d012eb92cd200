using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

/// <summary>
/// The Debian server binaries the local servers run. A fresh machine lacks them: as root (or with
/// passwordless sudo) a <c>server-packages</c> resource installs them with apt, its progress in the
/// dashboard's console log, and the servers wait for it; otherwise one line names the packages.
/// <c>--Servers:{kind}:Path=FILE</c> points at another binary (never installed for you).
/// </summary>
public static class ServerPackages
{
    public const string InstallerName = "server-packages";

    private sealed record Binary(string Kind, string Package, string DefaultPath);

    private static readonly Binary[] Binaries =
    [
        new("postgres", "postgresql", "/usr/lib/postgresql/15/bin/postgres"),
        new("redis", "redis-server", "/usr/bin/redis-server"),
        new("rabbitmq", "rabbitmq-server", "/usr/lib/rabbitmq/bin/rabbitmq-server"),
        new("epmd", "erlang-base", "/usr/bin/epmd"),
    ];

    public static string PathOf(IDistributedApplicationBuilder builder, string kind) =>
        builder.Configuration[$"Servers:{kind}:Path"] ?? Binaries.Single(b => b.Kind == kind).DefaultPath;

    /// <summary>
    /// Run mode: true when every binary is there or an installer resource will bring it; false, after
    /// printing one line, when it cannot. Publish mode needs no binaries.
    /// </summary>
    public static bool Ensure(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return true;
        }

        var missing = Binaries.Where(b => !File.Exists(PathOf(builder, b.Kind))).ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        var packages = string.Join(' ', missing.Select(b => b.Package).Distinct());
        var configured = missing.FirstOrDefault(b => builder.Configuration[$"Servers:{b.Kind}:Path"] is not null);
        var sudo = Environment.UserName == "root" ? "" : PasswordlessSudo() ? "sudo " : null;
        if (configured is not null || sudo is null || builder.Configuration["Synkro:InstallPackages"] == "false")
        {
            var where = configured is null ? "" : $" at {PathOf(builder, configured.Kind)}";
            Console.Error.WriteLine($"Synkro needs the Debian packages '{packages}'{where}: install them with `sudo apt-get install -y {packages}` and run again.");
            return false;
        }

        Console.WriteLine($"Installing the Debian packages '{packages}'; apt's progress is in the dashboard's console log of '{InstallerName}'.");
        builder.AddExecutable(InstallerName, "/bin/sh", RunDirectory.Get(builder), "-c",
                $"{sudo}apt-get update -q && DEBIAN_FRONTEND=noninteractive {sudo}apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 {packages}")
            .ExcludeFromManifest();
        return true;
    }

    /// <summary>Makes a local server wait for the installer, when there is one.</summary>
    public static IResourceBuilder<T> AfterPackagesInstalled<T>(this IResourceBuilder<T> server)
        where T : IResourceWithWaitSupport
    {
        var installer = server.ApplicationBuilder.Resources.OfType<ExecutableResource>().FirstOrDefault(r => r.Name == InstallerName);
        return installer is null ? server : server.WaitForCompletion(server.ApplicationBuilder.CreateResourceBuilder(installer));
    }

    private static bool PasswordlessSudo()
    {
        try
        {
            using var sudo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sudo", "-n true") { RedirectStandardError = true });
            return sudo is not null && sudo.WaitForExit(5000) && sudo.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no sudo on this machine
        }
    }
}
