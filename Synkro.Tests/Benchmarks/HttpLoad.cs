using System.Diagnostics;
using System.Net;
using System.Text;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Closed-loop HTTP load like pgbench's: each client sends its next request when the previous one
/// answered. Clients alternate between the replicas. Only the measured window counts.
/// </summary>
public static class HttpLoad
{
    public static async Task<LoadRun> RunAsync(
        IReadOnlyList<Uri> replicas, int clients, Func<Random, HttpRequestMessage> request, TimeSpan warmup, TimeSpan duration)
    {
        var handlers = replicas.Select(_ => new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }).ToList();
        var http = replicas.Select((uri, i) => new HttpClient(handlers[i]) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var measuring = false;
        var stopping = false;
        var latencies = Enumerable.Range(0, clients).Select(_ => new List<double>(100_000)).ToArray();
        var succeeded = new long[clients];
        var failed = new long[clients];
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var client = http[c % http.Count];
            while (!Volatile.Read(ref stopping))
            {
                using var message = request(random);
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message);
                await response.Content.LoadIntoBufferAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (Volatile.Read(ref measuring))
                {
                    latencies[c].Add(elapsed);
                    (response.StatusCode == HttpStatusCode.Created ? succeeded : failed)[c]++;
                }
            }
        })).ToList();

        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var window = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        window.Stop();
        Volatile.Write(ref stopping, true);
        await Task.WhenAll(workers);
        http.ForEach(h => h.Dispose());
        return new LoadRun(succeeded.Sum(), failed.Sum(), window.Elapsed, [.. latencies.SelectMany(l => l)]);
    }

    public static HttpRequestMessage Reservation(string runId, Random random, string sku)
    {
        var body = $$"""{"orderId":"{{Guid.CreateVersion7()}}","lines":[{"sku":"{{sku}}","quantity":1}]}""";
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/inventory/reservations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Add("Idempotency-Key", $"{runId}-{random.NextInt64():x}");
        message.Headers.Add("X-Test-User", "benchmark");
        message.Headers.Add("X-Test-Roles", "clerk");
        return message;
    }
}
