using System.Diagnostics;

namespace Synkro.Tests.Hosting;

/// <summary>
/// Debian's chromium for the browser tests: browsers are never downloaded (../shared/packages.md).
/// A fresh machine lacks it, so the first browser test installs it, as the AppHost installs its
/// servers: as root or with passwordless sudo; otherwise the test fails with one line saying how.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly Lazy<Task<string?>> Installation = new(InstallAsync);

    public static async Task EnsureInstalledAsync()
    {
        if (await Installation.Value is { } failure)
        {
            Assert.Fail(failure);
        }
    }

    private static async Task<string?> InstallAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return null;
        }

        const string Advice = "The browser tests need Debian's chromium: install it with `sudo apt-get install -y chromium` and run again.";
        var sudo = Environment.UserName == "root" ? "" : "sudo -n ";
        TestContext.Progress.WriteLine("Installing Debian's chromium for the browser tests (apt-get) ...");
        using var apt = Process.Start(new ProcessStartInfo("/bin/sh",
        [
            "-c", $"{sudo}apt-get update -q && DEBIAN_FRONTEND=noninteractive {sudo}apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 chromium",
        ]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = apt.StandardOutput.ReadToEndAsync();
        var errors = apt.StandardError.ReadToEndAsync();
        await apt.WaitForExitAsync();
        return apt.ExitCode == 0 && File.Exists(ExecutablePath) ? null : $"{Advice} (apt-get exited {apt.ExitCode}: {(await errors).Trim()} {(await output).Length} bytes of output)";
    }
}
