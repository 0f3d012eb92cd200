using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Synkro.AppHost.Hosting;

/// <summary>
/// Health checks that talk each server's protocol, as the real integrations' checks do: an open port
/// is not a server ready for work (PostgreSQL accepts connections while it recovers, RabbitMQ long before it boots).
/// </summary>
internal static class ProtocolHealthChecks
{
    public static IResourceBuilder<T> WithProtocolHealthCheck<T>(this IResourceBuilder<T> resource, Func<CancellationToken, Task<string?>> probe)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}_protocol_check";
        resource.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new ProbeHealthCheck(probe), null, null));
        return resource.WithHealthCheck(key);
    }

    /// <summary>Connects and runs SELECT 1: the server (or one database in it) answers queries.</summary>
    public static async Task<string?> PostgresAsync(IResourceWithConnectionString resource, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await resource.ConnectionStringExpression.GetValueAsync(ct) + ";Timeout=3;Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(ct) is 1 ? null : "SELECT 1 did not answer 1";
    }

    /// <summary>Sends the AMQP 0-9-1 header and expects connection.start (frame type 1, class 10, method 10).</summary>
    public static async Task<string?> AmqpAsync(EndpointReference endpoint, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", endpoint.Port, ct);
        var stream = tcp.GetStream();
        await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), ct);
        var frame = new byte[11];
        await stream.ReadExactlyAsync(frame, ct);
        return frame is [1, _, _, _, _, _, _, 0, 10, 0, 10] ? null : "no AMQP connection.start";
    }

    /// <summary>AUTH then PING must answer +PONG (a loading or misconfigured Redis answers -ERR or -LOADING).</summary>
    public static async Task<string?> RespAsync(EndpointReference endpoint, ParameterResource password, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", endpoint.Port, ct);
        var stream = tcp.GetStream();
        var secret = await password.GetValueAsync(ct);
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"AUTH {secret}\r\nPING\r\n"), ct);
        var reply = new StringBuilder();
        var buffer = new byte[256];
        while (reply.ToString().Split("\r\n").Length < 3)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString() == "+OK\r\n+PONG\r\n" ? null : reply.ToString().Trim();
    }

    private sealed class ProbeHealthCheck(Func<CancellationToken, Task<string?>> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                return await probe(timeout.Token) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is SocketException or IOException or NpgsqlException or OperationCanceledException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}
