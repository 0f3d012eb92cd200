using Npgsql;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Start, crash, stop and restart behaviour of the AppHost, each on its own small AppHost (so the whole
/// system other tests share is never disturbed).
/// </summary>
[TestFixture]
[Category("Hosting")]
public sealed class AppHostLifecycleTests
{
    [Test]
    public async Task A_project_whose_process_dies_is_reported_exited()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.Gateway] });
        var state = await app.WaitForHealthyAsync();
        var gateway = state[ResourceNames.Gateway].Pid!.Value;

        Assert.That(TestAppHost.Kill(gateway, TestAppHost.SigKill), Is.Zero);

        var after = await app.WaitForAsync(s => s[ResourceNames.Gateway].State == "Exited", TimeSpan.FromSeconds(30), "gateway exited");
        Assert.That(after[ResourceNames.Gateway].ExitCode, Is.Not.Null.And.Not.Zero);
        Assert.That(after[ResourceNames.Postgres].State, Is.EqualTo("Healthy"), "the others keep running");
        Assert.That(after.Status, Is.EqualTo("Unhealthy"));
    }

    [Test]
    public async Task Stopping_the_apphost_leaves_none_of_its_processes()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.Gateway, ResourceNames.Messaging] });
        var state = await app.WaitForHealthyAsync();
        // Reported pids plus everything tagged for the run: PostgreSQL's backends, RabbitMQ's VM and epmd.
        var pids = state.Pids.Concat(ProcessTable.TaggedWith(app.RunDirectory)).Distinct().ToList();
        Assert.That(pids, Has.Count.GreaterThanOrEqualTo(5));

        var exitCode = await app.StopAsync();

        Assert.That(exitCode, Is.Zero, app.Output);
        Assert.That(pids.Where(ProcessTable.IsAlive), Is.Empty, "processes still alive after the AppHost stopped");
        Assert.That(app.ReadState()!.Status, Is.EqualTo("Stopped"));
        Assert.That(app.Output, Does.Contain("Stopping gateway").And.Contain("Stopping postgres"));
        Assert.That(
            app.Output.IndexOf("Stopping gateway", StringComparison.Ordinal),
            Is.LessThan(app.Output.IndexOf("Stopping postgres", StringComparison.Ordinal)),
            "the gateway stops before the database server it uses");
    }

    [Test]
    public async Task A_start_after_kill_9_cleans_up_and_keeps_the_data()
    {
        var runDirectory = TestAppHost.NewRunDirectory();
        try
        {
            int[] firstPids;
            string password;
            await using (var first = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.IdentityDb], RunDirectory = runDirectory }))
            {
                var state = await first.WaitForHealthyAsync();
                firstPids = [.. state.Pids];
                password = first.Secrets.Parameters["postgres-password"];
                await ExecuteAsync(first.GetConnectionString(ResourceNames.IdentityDb),
                    "CREATE TABLE survivors (name text); INSERT INTO survivors VALUES ('kept across kill -9');");
                NpgsqlConnection.ClearAllPools();
                await first.KillHardAsync();
            }

            await using var second = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.IdentityDb], RunDirectory = runDirectory });
            await second.WaitForHealthyAsync();

            Assert.That(firstPids.Where(ProcessTable.IsAlive), Is.Empty, "processes of the killed run are still alive: " + string.Join(" / ", firstPids.Where(ProcessTable.IsAlive).Select(p => File.ReadAllText($"/proc/{p}/stat"))));
            Assert.That(second.Secrets.Parameters["postgres-password"], Is.EqualTo(password), "the generated password is kept with the data");
            await using var connection = new NpgsqlConnection(second.GetConnectionString(ResourceNames.IdentityDb));
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT name FROM survivors", connection);
            Assert.That(await query.ExecuteScalarAsync(), Is.EqualTo("kept across kill -9"));
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    [Test]
    public async Task Data_persists_between_runs_and_reset_wipes_it()
    {
        var runDirectory = TestAppHost.NewRunDirectory();
        try
        {
            string password;
            await using (var first = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.IdentityDb], RunDirectory = runDirectory }))
            {
                await first.WaitForHealthyAsync();
                password = first.Secrets.Parameters["postgres-password"];
                await ExecuteAsync(first.GetConnectionString(ResourceNames.IdentityDb), "CREATE TABLE kept (id int)");
                NpgsqlConnection.ClearAllPools();
            }

            await using (var second = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.IdentityDb], RunDirectory = runDirectory }))
            {
                await second.WaitForHealthyAsync();
                Assert.That(await TableExistsAsync(second.GetConnectionString(ResourceNames.IdentityDb), "kept"), Is.True, "data kept like a named volume");
                NpgsqlConnection.ClearAllPools();
            }

            await using var reset = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.IdentityDb], RunDirectory = runDirectory, ExtraArguments = ["--reset"] });
            await reset.WaitForHealthyAsync();
            Assert.That(await TableExistsAsync(reset.GetConnectionString(ResourceNames.IdentityDb), "kept"), Is.False, "--reset wipes the data");
            Assert.That(reset.Secrets.Parameters["postgres-password"], Is.Not.EqualTo(password), "--reset forgets the generated secrets too");
            NpgsqlConnection.ClearAllPools();
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task A_missing_server_binary_gives_one_clear_line()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions
        {
            Only = [ResourceNames.Cache],
            ExtraArguments = ["--no-install", "--Servers:redis:Path=/nonexistent/redis-server"],
        });
        await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(app.ExitCode, Is.EqualTo(2));
        Assert.That(lines, Has.Length.EqualTo(1), app.Output);
        Assert.That(lines[0], Does.Contain("/nonexistent/redis-server").And.Contain("redis-server").And.Contain("apt-get install"));
    }

    [Test]
    public async Task A_failed_dependency_is_shown_as_such_not_as_a_hang()
    {
        // /bin/true exists, but there is no initdb beside it: PostgreSQL fails to start.
        await using var app = TestAppHost.Start(new TestAppHostOptions
        {
            Only = [ResourceNames.IdentityDb],
            ExtraArguments = ["--Servers:postgres:Path=/bin/true"],
        });

        var state = await app.WaitForAsync(s => s[ResourceNames.IdentityDb].State == "FailedToStart", TimeSpan.FromSeconds(60), "identitydb failed");

        Assert.That(state[ResourceNames.Postgres].State, Is.EqualTo("FailedToStart"));
        Assert.That(state[ResourceNames.IdentityDb].Message, Does.Contain("postgres"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
