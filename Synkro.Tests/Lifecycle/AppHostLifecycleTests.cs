using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Crash, failure, restart and first-run behaviour of the AppHost, each on its own small application
/// (so the whole system other tests share is never disturbed).
/// </summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class AppHostLifecycleTests
{
    [Test]
    public async Task A_project_whose_process_dies_is_reported_exited()
    {
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Forecasting] });
        await app.WaitForHealthyAsync();
        var forecasting = app.Instances(ResourceNames.Forecasting).Single().Pid!.Value;

        // The instance's process and what it started (DCP may run a project through `dotnet run`): a crash.
        Process.GetProcessById(forecasting).Kill(entireProcessTree: true);

        using var cts = Deadlines.Within(Deadlines.Stop);
        // DCP reports a process that ended, whatever its cause, as Finished (or Exited) with its exit code.
        var exited = await app.App.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Forecasting, e => e.Snapshot.State?.Text == KnownResourceStates.Exited || e.Snapshot.State?.Text == KnownResourceStates.Finished, cts.Token);
        Assert.That(exited.Snapshot.ExitCode, Is.Not.Null.And.Not.Zero, "a crash is not a clean exit");
        Assert.That(app.Instances(ResourceNames.Postgres), Has.Count.EqualTo(1), "the others keep running");
    }

    [Test]
    public async Task A_failed_dependency_fails_what_waits_for_it_instead_of_hanging()
    {
        // A server binary that exits at once, as a broken installation would.
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            Only = [ResourceNames.Forecasting],
            Arguments = ["--Servers:postgres:Path=/bin/false"],
        });

        using var cts = Deadlines.Within(Deadlines.Recovery);
        var forecasting = await app.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.Forecasting, e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, cts.Token);
        Assert.That(forecasting.Snapshot.State?.Text, Is.EqualTo(KnownResourceStates.FailedToStart));
        Assert.That(app.App.ResourceNotifications.TryGetCurrentState(ResourceNames.ForecastingDb, out var database), Is.True);
        Assert.That(database!.Snapshot.State?.Text, Is.EqualTo(KnownResourceStates.FailedToStart));
    }

    [Test]
    public async Task Data_survives_a_restart_of_the_apphost()
    {
        var runDirectory = SynkroApp.NewRunDirectory();
        // The generated password persists in user secrets; passing it keeps the test independent of them.
        var options = new SynkroAppOptions { Only = [ResourceNames.IdentityDb], RunDirectory = runDirectory, Arguments = ["--Parameters:postgres-password=RestartTest1234567890"] };
        try
        {
            await using (var first = await SynkroApp.StartAsync(options))
            {
                await first.WaitForHealthyAsync();
                await ExecuteAsync(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('across a restart')");
            }

            await using var second = await SynkroApp.StartAsync(options);
            await second.WaitForHealthyAsync();
            Assert.That(await ExecuteAsync(second, "SELECT v FROM kept"), Is.EqualTo("across a restart"));
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    [Test]
    public async Task A_missing_server_binary_is_one_clear_line_and_no_stack_trace()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[typeof(Projects.Synkro_AppHost).Assembly.Location.Replace("Synkro.Tests.dll", "Synkro.AppHost.dll", StringComparison.Ordinal),
                     "--run-dir", SynkroApp.NewRunDirectory(), "--Servers:redis:Path=/nonexistent/redis-server"])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(1), output + error);
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.Contain("redis-server").And.Contain("apt-get install"));
        Assert.That(output + error, Does.Not.Contain("   at "), "no stack trace");
    }

    private static async Task<object?> ExecuteAsync(SynkroApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.IdentityDb));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
