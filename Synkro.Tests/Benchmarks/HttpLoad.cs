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
        IReadOnlyList<Uri> replicas, int clients, Func<Random, HttpRequestMessage> request, TimeSpan warmup, TimeSpan duration, HttpStatusCode success = HttpStatusCode.Created)
    {
        var handlers = replicas.Select(_ => new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }).ToList();
        var http = replicas.Select((uri, i) => new HttpClient(handlers[i]) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var run = await ClosedLoopAsync(clients, async (client, random) =>
        {
            using var message = request(random);
            using var response = await http[client % http.Count].SendAsync(message);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == success;
        }, warmup, duration);
        http.ForEach(h => h.Dispose());
        return run;
    }

    /// <summary>
    /// The closed loop itself, for any kind of call (HTTP above, gRPC in the order benchmark): each
    /// client makes its next call when the previous one returned; <paramref name="call"/> says
    /// whether it succeeded. Only calls that end inside the measured window count.
    /// </summary>
    public static async Task<LoadRun> ClosedLoopAsync(int clients, Func<int, Random, Task<bool>> call, TimeSpan warmup, TimeSpan duration)
    {
        var measuring = false;
        var stopping = false;
        var latencies = Enumerable.Range(0, clients).Select(_ => new List<double>(100_000)).ToArray();
        var succeeded = new long[clients];
        var failed = new long[clients];
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (!Volatile.Read(ref stopping))
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await call(c, random);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (Volatile.Read(ref measuring))
                {
                    latencies[c].Add(elapsed);
                    (ok ? succeeded : failed)[c]++;
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
        return new LoadRun(succeeded.Sum(), failed.Sum(), window.Elapsed, [.. latencies.SelectMany(l => l)]);
    }

    /// <summary>
    /// Open-loop load at a fixed rate: requests go out on schedule whether or not earlier ones have
    /// answered, and each latency counts from when its request was due, so a stall is not hidden by
    /// clients waiting on it (no coordinated omission). Requests alternate between the replicas.
    /// </summary>
    public static async Task<LoadRun> PacedAsync(
        IReadOnlyList<Uri> replicas, double perSecond, Func<HttpRequestMessage> request, TimeSpan duration, HttpStatusCode success = HttpStatusCode.OK)
    {
        var http = replicas.Select(uri => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var (succeeded, failed) = (0L, 0L);
        var inFlight = new List<Task>();
        var window = Stopwatch.StartNew();
        for (long sent = 0; window.Elapsed < duration;)
        {
            for (var due = (long)(window.Elapsed.TotalSeconds * perSecond); sent < due; sent++)
            {
                var dueAt = TimeSpan.FromSeconds(sent / perSecond);
                var client = http[(int)(sent % http.Count)];
                inFlight.Add(Task.Run(async () =>
                {
                    using var message = request();
                    using var response = await client.SendAsync(message);
                    await response.Content.LoadIntoBufferAsync();
                    latencies.Add((window.Elapsed - dueAt).TotalMilliseconds);
                    _ = response.StatusCode == success ? Interlocked.Increment(ref succeeded) : Interlocked.Increment(ref failed);
                }));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        http.ForEach(h => h.Dispose());
        return new LoadRun(succeeded, failed, duration, [.. latencies]);
    }

    public static HttpRequestMessage Reservation(string runId, Random random, string sku, string accessToken)
    {
        var body = $$"""{"orderId":"{{Guid.CreateVersion7()}}","lines":[{"sku":"{{sku}}","quantity":1}]}""";
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/inventory/reservations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Add("Idempotency-Key", $"{runId}-{random.NextInt64():x}");
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return message;
    }
}
