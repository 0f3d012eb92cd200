using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine.Runtime;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Tells a dead Wolverine node from a live one by an event rather than by missed heartbeats: each
/// process holds one PostgreSQL session named after its node for its whole life, and the server ends
/// that session as soon as the process dies (after kill -9 too: the kernel closes its socket). A node
/// with a row in Wolverine's node table and no session is dead, and is removed through Wolverine's own
/// node store, which hands its envelopes back to the live nodes' next recovery pass. Checked when the
/// process starts, so a restarted publisher finds its predecessor at once, and every
/// <see cref="DurabilityTimings.LivenessCheck"/> after, so a live replica takes over from a dead one.
/// Wolverine's heartbeats can then be slow: they remain only for a node that hangs while connected.
/// </summary>
internal sealed partial class NodeLiveness(IWolverineRuntime runtime, string connectionString, DurabilityTimings timings, ILogger<NodeLiveness> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private const string SessionPrefix = "wolverine-node ";

    // A session missing once may be a reconnect after a database restart; missing again a second
    // later, its process is gone.
    private static readonly TimeSpan Confirmation = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? watching;
    private int disposed;

    public static string SessionName(Guid nodeId) => $"{SessionPrefix}{nodeId:N}";

    // Before Wolverine registers this node, so that no peer ever sees its row without its session.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        watching = WatchAsync(stopping.Token);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Wolverine has registered this node and built its tables: peers can be judged.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        started.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // After Wolverine has stopped and removed its node: the session goes last.
    public async Task StoppedAsync(CancellationToken cancellationToken) => await DisposeAsync();

    // Called twice: when the host has stopped, and when the container is disposed.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        if (watching is not null)
        {
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var self = runtime.Options.UniqueNodeId;
        var session = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = SessionName(self), Pooling = false }.ConnectionString;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(session);
                await connection.OpenAsync(cancellationToken);
                await started.Task.WaitAsync(cancellationToken);
                while (true)
                {
                    await RemoveDeadNodesAsync(connection, self, cancellationToken);
                    await Task.Delay(timings.LivenessCheck, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogSessionLost(e);
                await Task.Delay(Confirmation, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RemoveDeadNodesAsync(NpgsqlConnection connection, Guid self, CancellationToken cancellationToken)
    {
        var suspects = await SessionlessNodesAsync(connection, self, cancellationToken);
        if (suspects.Count == 0)
        {
            return;
        }

        await Task.Delay(Confirmation, cancellationToken);
        var confirmed = await SessionlessNodesAsync(connection, self, cancellationToken);
        var dead = suspects.Intersect(confirmed).ToList();
        foreach (var (id, number) in dead)
        {
            await runtime.Storage.Nodes.DeleteAsync(id, number);
            LogDeadNodeRemoved(number, id);
        }

        if (dead.Count > 0)
        {
            // The leader runs the recovery pass; without this nudge it would notice the change, and a
            // restarted node take the lead, only at the next heartbeat.
            await runtime.Agents.KickstartHealthDetectionAsync();
        }
    }

    private async Task<List<(Guid Id, int Number)>> SessionlessNodesAsync(NpgsqlConnection connection, Guid self, CancellationToken cancellationToken)
    {
        var nodes = await runtime.Storage.Nodes.LoadAllNodesAsync(cancellationToken);
        var live = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("select application_name from pg_stat_activity where application_name like @prefix", connection);
        command.Parameters.AddWithValue("prefix", SessionPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            live.Add(reader.GetString(0));
        }

        return [.. nodes.Where(n => n.NodeId != self && !live.Contains(SessionName(n.NodeId))).Select(n => (n.NodeId, n.AssignedNodeNumber))];
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Node {NodeNumber} ({NodeId}) has no database session: its process is gone, and its envelopes go to the live nodes")]
    private partial void LogDeadNodeRemoved(int nodeNumber, Guid nodeId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "This node's liveness session to the database was lost; reconnecting")]
    private partial void LogSessionLost(Exception exception);
}
