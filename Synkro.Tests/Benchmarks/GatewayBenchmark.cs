using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Synkro.Security;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// What the gateway costs: a no-op endpoint called directly against the same endpoint through the
/// gateway's two replicas with a valid token (validation, denylist and rate-limit checks in Redis,
/// YARP forwarding). The no-op backend runs in this process and stands in for inventory, found by the
/// gateway through service discovery like the real one. (1) Throughput at saturation, closed loop;
/// (2) latency at half the gateway's saturation, open loop at a fixed rate. Direct and gateway take
/// turns in rounds, so a noisy neighbour weighs on both.
/// <c>dotnet run -c Release --project Synkro.Tests -- bench gateway [round seconds] [clients] [NAME=value ...]</c>;
/// each NAME=value goes into the services' environment, to measure a variant (docs/identity.md).
/// </summary>
public static class GatewayBenchmark
{
    private const int Rounds = 3;
    private const string Path = "/api/inventory/noop";

    public static async Task<int> RunAsync(string[] args)
    {
        var round = TimeSpan.FromSeconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8);
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;

        await using var backend = await NoopBackendAsync();
        var environment = new Dictionary<string, string>
        {
            ["services__inventory__http__0"] = backend.Urls.Single(),
            ["Identity__AccessTokenLifetime"] = "04:00:00",
            // The limits would refuse a benchmark; their Redis round trip is still paid on every request.
            ["RateLimits__RequestPermits"] = "1000000000",
        };
        foreach (var variant in args.Skip(2).Select(a => a.Split('=', 2)))
        {
            environment[variant[0]] = variant[1];
        }

        await using var host = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Gateway], ProjectEnvironment = environment });
        await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var token = (await new StaffAccounts(host).ForRoleAsync(Roles.Clerk)).AccessToken;
        IReadOnlyList<Uri> direct = [new Uri(backend.Urls.Single())];
        var gateway = host.CreateInstanceClients(ResourceNames.Gateway).Select(c => c.BaseAddress!).ToList();
        HttpRequestMessage Request()
        {
            var message = new HttpRequestMessage(HttpMethod.Get, Path);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return message;
        }

        // The anonymous route to a service's OpenAPI document: the same pipeline and forwarding, no token to check.
        static HttpRequestMessage Anonymous() => new(HttpMethod.Get, $"/openapi/{ResourceNames.Inventory}.json");

        Console.WriteLine($"Gateway benchmark: {Environment.ProcessorCount} cores; {Rounds} rounds of {round.TotalSeconds:0} s per side, taking turns; {clients} clients at saturation");
        Console.WriteLine($"variant: {(args.Length > 2 ? string.Join(' ', args.Skip(2)) : "as configured")}");
        Console.WriteLine($"load average before: {MachineLoad.Now}");
        // JIT tiering of both gateway replicas and of the backend.
        await HttpLoad.RunAsync([.. gateway, .. direct], clients, _ => Request(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), HttpStatusCode.OK);

        var (directRuns, gatewayRuns) = (new List<LoadRun>(), new List<LoadRun>());
        for (var r = 0; r < Rounds; r++)
        {
            foreach (var (uris, runs) in r % 2 == 0 ? [(direct, directRuns), (gateway, gatewayRuns)] : new[] { (gateway, gatewayRuns), (direct, directRuns) })
            {
                runs.Add(await HttpLoad.RunAsync(uris, clients, _ => Request(), TimeSpan.FromSeconds(1), round, HttpStatusCode.OK));
            }
        }

        var anonymousRuns = new List<LoadRun>();
        for (var r = 0; r < Rounds; r++)
        {
            anonymousRuns.Add(await HttpLoad.RunAsync(gateway, clients, _ => Anonymous(), TimeSpan.FromSeconds(1), round, HttpStatusCode.OK));
        }

        var (d, g, a) = (LoadResult.Of(directRuns), LoadResult.Of(gatewayRuns), LoadResult.Of(anonymousRuns));
        var rate = Math.Round(g.PerSecond / 2);
        var (directPaced, gatewayPaced) = (new List<LoadRun>(), new List<LoadRun>());
        for (var r = 0; r < Rounds; r++)
        {
            foreach (var (uris, runs) in r % 2 == 0 ? [(direct, directPaced), (gateway, gatewayPaced)] : new[] { (gateway, gatewayPaced), (direct, directPaced) })
            {
                runs.Add(await HttpLoad.PacedAsync(uris, rate, Request, round));
            }
        }

        var (dp, gp) = (LoadResult.Of(directPaced), LoadResult.Of(gatewayPaced));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| path | saturation req/s ({clients} clients) | p50 ms | p99 ms | at {rate:0} req/s: p50 ms | p99 ms |"));
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| direct | {d.PerSecond:0} | {d.P50Milliseconds:0.00} | {d.P99Milliseconds:0.00} | {dp.P50Milliseconds:0.00} | {dp.P99Milliseconds:0.00} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| through the gateway | {g.PerSecond:0} | {g.P50Milliseconds:0.00} | {g.P99Milliseconds:0.00} | {gp.P50Milliseconds:0.00} | {gp.P99Milliseconds:0.00} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| through the gateway, anonymous route (no token checks) | {a.PerSecond:0} | {a.P50Milliseconds:0.00} | {a.P99Milliseconds:0.00} | | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gateway / direct throughput: {g.PerSecond / d.PerSecond:0.00}; added at half the gateway's saturation: p50 {gp.P50Milliseconds - dp.P50Milliseconds:0.00} ms, p99 {gp.P99Milliseconds - dp.P99Milliseconds:0.00} ms"));
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        var failed = d.Failed + g.Failed + a.Failed + dp.Failed + gp.Failed;
        if (failed > 0)
        {
            Console.Error.WriteLine($"{failed} requests did not answer 200");
            return 1;
        }

        return 0;
    }

    /// <summary>The cheapest possible service: endpoints that answer 200 with no body.</summary>
    private static async Task<WebApplication> NoopBackendAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet(Path, () => Results.Ok());
        app.MapGet("/openapi/v1.json", () => Results.Ok());
        await app.StartAsync();
        return app;
    }
}
