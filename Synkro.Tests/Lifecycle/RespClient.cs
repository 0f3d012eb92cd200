using System.Net.Sockets;
using System.Text;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Just enough of Redis' protocol (RESP) to authenticate and run commands, from the Aspire-style connection string
/// in secrets.json (<c>127.0.0.1:PORT,password=...</c>): the tests reach servers as a client would, without a library.
/// </summary>
internal sealed class RespClient(TcpClient client) : IDisposable
{
    private readonly NetworkStream stream = client.GetStream();
    private readonly StreamReader reader = new(client.GetStream(), Encoding.UTF8);

    public static async Task<RespClient> ConnectAsync(string connectionString)
    {
        var parts = connectionString.Split(',');
        var address = parts[0].Split(':');
        var password = parts.Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address[0], int.Parse(address[1]));
        var redis = new RespClient(tcp);
        await redis.SendAsync("AUTH", password);
        return redis;
    }

    /// <summary>Runs one command; the reply as text (a simple string, an integer, or a bulk string without line breaks), null for nil.</summary>
    public async Task<string?> SendAsync(params string[] args)
    {
        var request = new StringBuilder($"*{args.Length}\r\n");
        foreach (var arg in args)
        {
            request.Append($"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var line = await reader.ReadLineAsync() ?? throw new IOException("Redis closed the connection.");
        return line[0] switch
        {
            '+' or ':' => line[1..],
            '-' => throw new InvalidOperationException($"Redis: {line[1..]}"),
            '$' when line == "$-1" => null,
            '$' => await reader.ReadLineAsync(),
            _ => throw new InvalidDataException($"Unexpected reply from Redis: {line}"),
        };
    }

    public void Dispose()
    {
        reader.Dispose();
        client.Dispose();
    }
}
