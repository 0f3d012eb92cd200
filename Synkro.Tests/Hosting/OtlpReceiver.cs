using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Synkro.Tests.Hosting;

/// <summary>
/// A stand-in OTLP/HTTP collector: accepts protobuf exports and keeps them per signal path, so a test can
/// check that services really export (until the AppHost's own dashboard receiver exists).
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> received = new();

    public OtlpReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add($"{Endpoint}/");
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public string Endpoint { get; }

    public IReadOnlyList<(string Path, string? ContentType, byte[] Body)> Received => [.. received];

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            // An empty body is a valid ExportServiceResponse in protobuf: full success.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}
