using System.Net.Sockets;
using System.Text;

namespace Synkro.Tests.Lifecycle;

/// <summary>
/// Just enough of Redis' protocol (RESP) to authenticate and run commands, from the Aspire-style connection string
/// in secrets.json (<c>127.0.0.1:PORT,password=...</c>): the tests reach servers as a client would, without a library.
/// </summary>
internal sealed class RespClient(TcpClient client) : IDisposable
{
    private readonly BufferedStream stream = new(client.GetStream());

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

    /// <summary>Runs one command; the reply as text (a simple string, an integer, or a bulk string decoded as UTF-8), null for nil.</summary>
    public async Task<string?> SendAsync(params string[] args)
    {
        await WriteAsync(args);
        return await ReadReplyAsync();
    }

    /// <summary>Runs one command that answers a flat array (as <c>PUBSUB NUMSUB</c> does); its elements as text.</summary>
    public async Task<string?[]> SendArrayAsync(params string[] args)
    {
        await WriteAsync(args);
        var line = await ReadLineAsync();
        if (line[0] != '*')
        {
            throw new InvalidDataException($"Expected an array from Redis: {line}");
        }

        var elements = new string?[int.Parse(line[1..])];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = await ReadReplyAsync();
        }

        return elements;
    }

    private async Task WriteAsync(string[] args)
    {
        var request = new StringBuilder($"*{args.Length}\r\n");
        foreach (var arg in args)
        {
            request.Append($"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        await stream.FlushAsync();
    }

    private async Task<string?> ReadReplyAsync()
    {
        var line = await ReadLineAsync();
        return line[0] switch
        {
            '+' or ':' => line[1..],
            '-' => throw new InvalidOperationException($"Redis: {line[1..]}"),
            '$' when line == "$-1" => null,
            '$' => await ReadBulkAsync(int.Parse(line[1..])),
            _ => throw new InvalidDataException($"Unexpected reply from Redis: {line}"),
        };
    }

    public void Dispose()
    {
        stream.Dispose();
        client.Dispose();
    }

    private async Task<string> ReadLineAsync()
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one);
            if (one[0] == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.UTF8.GetString([.. line.GetRange(0, line.Count - 1)]);
            }

            line.Add(one[0]);
        }
    }

    /// <summary>A bulk string is length-prefixed and may hold any bytes, line breaks included.</summary>
    private async Task<string> ReadBulkAsync(int length)
    {
        var bulk = new byte[length + 2];
        await stream.ReadExactlyAsync(bulk);
        return Encoding.UTF8.GetString(bulk, 0, length);
    }
}
