using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>
/// A webhook receiver as a customer would run one: an HTTP listener that records every POST and
/// answers as <c>answer</c> says, given the request and how many times its webhook-id has come
/// (1 the first time), after holding the answer for <c>hold</c>. It listens on 127.0.0.2, the one
/// loopback address the test system lets webhooks reach (Webhooks:AllowedPrivateNetworks), unless
/// told to listen on another.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    public sealed record Received(int Number, Dictionary<string, string> Headers, string Body, DateTimeOffset At);

    public static readonly IPAddress Allowed = IPAddress.Parse("127.0.0.2");

    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<Received> received = new();
    private readonly Func<Received, int, (int Status, string? Location)> answer;
    private readonly ConcurrentDictionary<string, int> seen = new();
    private readonly TimeSpan hold;
    private int count;

    public WebhookReceiver(Func<Received, int, (int Status, string? Location)>? answer = null, IPAddress? address = null, TimeSpan hold = default)
    {
        this.hold = hold;
        this.answer = answer ?? ((_, _) => (200, null));
        address ??= Allowed;
        var probe = new TcpListener(address, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://{address}:{port}/hooks/synkro";
        listener.Prefixes.Add($"http://{address}:{port}/");
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public IReadOnlyList<Received> Requests => [.. received];

    /// <summary>
    /// The verification docs/notifications.md gives receivers, written out: the HMAC-SHA256 of
    /// "id.timestamp.body" under the base64 key after "whsec_", compared in constant time with each
    /// "v1," signature, and a timestamp no further than five minutes from now.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatures, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalMinutes) > 5)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
        return signatures.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    /// <summary>The requests whose body mentions <paramref name="about"/>, once there are <paramref name="requests"/> of them.</summary>
    public async Task<List<Received>> WaitForAsync(string about, int requests)
    {
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            var ours = About(about);
            if (ours.Count >= requests)
            {
                return ours;
            }

            Assert.That(deadline.Passed, Is.False, $"{ours.Count} of {requests} webhook requests about {about} reached {Url} after {deadline}");
            await Task.Delay(100);
        }
    }

    public List<Received> About(string about) => [.. received.Where(r => r.Body.Contains(about, StringComparison.Ordinal))];

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            try
            {
                // Each request on its own, so a held answer does not keep the next one waiting.
                var context = await listener.GetContextAsync();
                _ = Task.Run(() => AnswerAsync(context));
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var number = Interlocked.Increment(ref count);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            var request = new Received(number, headers, body, DateTimeOffset.UtcNow);
            received.Enqueue(request);
            var (status, location) = answer(request, seen.AddOrUpdate(headers.GetValueOrDefault("webhook-id", ""), 1, (_, n) => n + 1));
            await Task.Delay(hold);
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.RedirectLocation = location;
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The sender went away while its answer was held (a killed process).
        }
    }

    public void Dispose() => listener.Close();
}
