using Npgsql;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>The AppHost as a user runs it, killed with SIGKILL: DCP takes everything down, and the data stays.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Hosting")]
public sealed class AppHostCrashTests
{
    [Test]
    public async Task Kill_9_of_the_apphost_leaves_no_process_and_the_next_start_keeps_the_data()
    {
        // The password is passed so the test can reach PostgreSQL; state.json holds no secret.
        string[] arguments = ["--Parameters:postgres-password=CrashTest1234567890"];
        var runDirectory = Directory.CreateTempSubdirectory("synkro-crash-").FullName;
        try
        {
            List<int> processes;
            await using (var first = AppHostProcess.Start(runDirectory, arguments))
            {
                var state = await first.WaitForHealthyAsync(Deadlines.AppHostStart);
                await QueryAsync(state, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('across a kill -9')");
                // Nothing of the run may outlive it.
                processes = ProcessesOf(state);
                Assert.That(processes, Has.Count.GreaterThanOrEqualTo(10), "servers and services with their children");

                await first.KillHardAsync();
            }

            // DCP notices its parent is gone and stops what it started (15-18 s in the spike).
            await WaitUntilGoneAsync(processes);
            Assert.That(processes.Where(ProcessTable.IsAlive), Is.Empty, "processes left running after kill -9 of the AppHost");

            await using var second = AppHostProcess.Start(runDirectory, arguments);
            var again = await second.WaitForHealthyAsync(Deadlines.AppHostStart);
            Assert.That(await QueryAsync(again, "SELECT v FROM kept"), Is.EqualTo("across a kill -9"));

            // The AppHost exits before DCP's servers have; RabbitMQ still writes its message store for a moment,
            // and deleting the directory under it fails (CI run of 2026-12-03).
            var secondProcesses = ProcessesOf(again);
            await second.StopAsync(Deadlines.Stop);
            await WaitUntilGoneAsync(secondProcesses);
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    /// <summary>Also DCP (it daemonizes; <see cref="ProcessTable.RunOf"/> finds it by the pid it monitors), its monitors and the dashboard.</summary>
    private static List<int> ProcessesOf(RunState state) =>
        [.. ProcessTable.RunOf(state.AppHostPid).Concat(state.Resources.Select(r => r.Pid).OfType<int>()).Distinct().Where(p => p != state.AppHostPid)];

    private static async Task WaitUntilGoneAsync(List<int> processes)
    {
        var deadline = Deadlines.In(Deadlines.Recovery);
        while (processes.Any(ProcessTable.IsAlive) && !deadline.Passed)
        {
            await Task.Delay(500);
        }
    }

    private static async Task<object?> QueryAsync(RunState state, string sql)
    {
        var port = new Uri(state[ResourceNames.Postgres].Endpoints[0].Url).Port;
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password=CrashTest1234567890;Database={ResourceNames.IdentityDb}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
