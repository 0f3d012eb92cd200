using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Synkro.Protos.Inventory.V1;
using Synkro.Security;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Orders end to end through the gateway: a clerk's bearer token, POST /api/orders (catalogue
/// lookups over gRPC, the order and its first step in the outbox), then the process (payment,
/// CheckAndReserveStock over gRPC, confirmation). (1) Saturation: orders accepted per second with
/// closed-loop clients. (2) Fixed arrival rates at 50% and 80% of it, open loop: accepted orders/s,
/// the POST's p50/p99, and creation-to-Confirmed p50/p99 from the status history (each phase waits
/// until the process has finished its orders, so the next starts on an idle system). Beside them in the
/// same run: inventory's REST reservations at the same client count (the baseline of stock work),
/// and CheckAndReserveStock over gRPC against REST, closed loop with the same clients, both straight
/// to each replica, taking turns in rounds.
/// <c>dotnet run -c Release --project Synkro.Tests -- bench orders [round seconds] [clients]</c>
/// </summary>
public static class OrderBenchmark
{
    private const int Skus = 1_000;
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var round = TimeSpan.FromSeconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10);
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        await using var host = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            Only = [ResourceNames.Inventory, ResourceNames.Gateway, ResourceNames.Logistics],
            ProjectEnvironment = new Dictionary<string, string>
            {
                ["Identity__AccessTokenLifetime"] = "04:00:00",
                ["RateLimits__RequestPermits"] = "1000000000",
            },
        });
        await host.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var token = (await new StaffAccounts(host).ForRoleAsync(Roles.Clerk)).AccessToken;
        await BenchmarkCatalog.SeedAsync(host.GetConnectionString(ResourceNames.InventoryDb), "ORDER", Skus, 100_000_000, price: 9.99m);
        var gateway = host.CreateInstanceClients(ResourceNames.Gateway).Select(c => c.BaseAddress!).ToList();
        var customer = await CustomerAsync(gateway[0], token);
        var logisticsDb = host.GetConnectionString(ResourceNames.LogisticsDb);
        Console.WriteLine($"Order benchmark: {Environment.ProcessorCount} cores, {clients} clients, {round.TotalSeconds:0} s per measurement; load average before: {MachineLoad.Now}");

        HttpRequestMessage Order(Random random) => PlaceOrder(token, customer, Sku(random.Next(Skus)));
        await HttpLoad.RunAsync(gateway, clients, Order, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)); // JIT and pools
        await DrainAsync(logisticsDb);
        var saturationStarted = DateTimeOffset.UtcNow;
        var saturation = LoadResult.Of([await HttpLoad.RunAsync(gateway, clients, Order, TimeSpan.FromSeconds(2), round)]);
        var drained = await DrainAsync(logisticsDb);
        var processed = await ConfirmedSinceAsync(logisticsDb, saturationStarted);

        Console.WriteLine();
        Console.WriteLine("| load | orders/s | failed | POST p50 ms | POST p99 ms | to Confirmed p50 ms | to Confirmed p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row($"saturation, {clients} clients closed loop", saturation, await ConfirmationAsync(logisticsDb, saturationStarted)));
        foreach (var share in new[] { 0.5, 0.8 })
        {
            var started = DateTimeOffset.UtcNow;
            var random = new Random(42);
            var paced = LoadResult.Of([await HttpLoad.PacedAsync(gateway, saturation.PerSecond * share, () => Order(random), round, HttpStatusCode.Created)]);
            await DrainAsync(logisticsDb);
            Console.WriteLine(Row($"{share:P0} of saturation ({saturation.PerSecond * share:0}/s offered)", paced, await ConfirmationAsync(logisticsDb, started)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The process behind the saturation run: {processed} orders confirmed; the last {drained.TotalSeconds:0.0} s after the load stopped, so about {processed / (round.TotalSeconds + 2 + drained.TotalSeconds):0} confirmations/s."));

        // Both sides straight to each replica (HTTP: a connection pool per replica; gRPC: one channel per
        // replica, the calls multiplexed on it), taking turns in rounds, who goes first alternating, so a
        // noisy neighbour on the shared machine weighs on both.
        var inventory = host.CreateInstanceClients(ResourceNames.Inventory).Select(c => c.BaseAddress!).ToList();
        var grpcAddresses = host.InstanceGrpcAddresses(ResourceNames.Inventory);
        var (restRuns, grpcRuns) = (new List<LoadRun>(), new List<LoadRun>());
        for (var r = 0; r < Rounds; r++)
        {
            var run = $"bench-{r}-{Guid.NewGuid():N}"[..24]; // idempotency keys of their own each round, or a round replays the last
            Func<Task> throughRest = async () => restRuns.Add(await HttpLoad.RunAsync(inventory, clients, random => HttpLoad.Reservation(run, random, Sku(random.Next(Skus)), token), TimeSpan.FromSeconds(2), round));
            Func<Task> throughGrpc = async () => grpcRuns.Add(await GrpcReservationsAsync(grpcAddresses, token, clients, round));
            foreach (var turn in r % 2 == 0 ? [throughRest, throughGrpc] : new[] { throughGrpc, throughRest })
            {
                await turn();
            }
        }

        var (rest, grpc) = (LoadResult.Of(restRuns), LoadResult.Of(grpcRuns));
        Console.WriteLine();
        Console.WriteLine($"| CheckAndReserveStock, {Rounds} rounds of {round.TotalSeconds:0} s each, taking turns | calls/s | failed | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| REST (JSON over HTTP/1.1), both replicas | {rest.PerSecond:0} | {rest.Failed} | {rest.P50Milliseconds:0.0} | {rest.P99Milliseconds:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| gRPC (h2c), both replicas, one channel each | {grpc.PerSecond:0} | {grpc.Failed} | {grpc.P50Milliseconds:0.0} | {grpc.P99Milliseconds:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gRPC / REST: {grpc.PerSecond / rest.PerSecond:0.00} (per round: {string.Join(", ", grpcRuns.Zip(restRuns, (g, h) => $"{g.Succeeded / g.Duration.TotalSeconds / (h.Succeeded / h.Duration.TotalSeconds):0.00}"))}); orders at saturation / REST reservations: {saturation.PerSecond / rest.PerSecond:0.00}"));
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        return saturation.Failed + rest.Failed + grpc.Failed > 0 ? 1 : 0;
    }

    private static string Row(string load, LoadResult result, (double P50, double P99)? confirmed) => string.Create(CultureInfo.InvariantCulture,
        $"| {load} | {result.PerSecond:0} | {result.Failed} | {result.P50Milliseconds:0.0} | {result.P99Milliseconds:0.0} | {(confirmed is { } c ? $"{c.P50:0}" : "-")} | {(confirmed is { } d ? $"{d.P99:0}" : "-")} |");

    private static HttpRequestMessage PlaceOrder(string token, Guid customer, string sku)
    {
        var body = $$$"""{"customerId":"{{{customer}}}","lines":[{"sku":"{{{sku}}}","quantity":1}],"payment":{"cardNumber":"4242424242424242"},"shipping":{"recipient":"Bench","line1":"1 Load St","postalCode":"10115","city":"Berlin","country":"DE"}}""";
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return message;
    }

    /// <summary>Waits until no order is still on its way (Created, Processing, ReservingStock); how long that took.</summary>
    private static async Task<TimeSpan> DrainAsync(string database)
    {
        var waited = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM logistics.orders WHERE status IN ('Created', 'Processing', 'ReservingStock')", connection);
        while ((long)(await pending.ExecuteScalarAsync())! > 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("Orders still in progress five minutes after the load stopped.");
            }

            await Task.Delay(100);
        }

        return waited.Elapsed;
    }

    private static async Task<long> ConfirmedSinceAsync(string database, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM logistics.orders WHERE created_at >= @since AND status = 'Confirmed'", connection);
        count.Parameters.AddWithValue("since", since);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Creation to Confirmed, for the orders created since <paramref name="since"/> (after a drain: all of them).</summary>
    private static async Task<(double P50, double P99)> ConfirmationAsync(string database, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT extract(epoch FROM (c.at - o.created_at)) * 1000
            FROM logistics.orders o JOIN logistics.order_status_history c ON c.order_id = o.id AND c."to" = 'Confirmed'
            WHERE o.created_at >= @since
            """, connection);
        query.Parameters.AddWithValue("since", since);
        var lags = new List<double>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lags.Add(Convert.ToDouble(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        lags.Sort();
        return (LoadResult.Percentile(lags, 0.5), LoadResult.Percentile(lags, 0.99));
    }

    /// <summary>Closed loop over one gRPC channel per replica (HTTP/2 multiplexes the calls), clients spread over them.</summary>
    private static async Task<LoadRun> GrpcReservationsAsync(IReadOnlyList<Uri> replicas, string token, int clients, TimeSpan duration)
    {
        var channels = replicas.Select(r => GrpcChannel.ForAddress(r)).ToList();
        var inventories = channels.Select(c => new InventoryService.InventoryServiceClient(c)).ToList();
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };
        try
        {
            return await HttpLoad.ClosedLoopAsync(clients, async (client, random) =>
            {
                var inventory = inventories[client % inventories.Count];
                var request = new StockReservationRequest { OrderId = Guid.CreateVersion7().ToString(), Lines = { new StockLine { Sku = Sku(random.Next(Skus)), Quantity = 1 } } };
                try
                {
                    await inventory.CheckAndReserveStockAsync(request, headers);
                    return true;
                }
                catch (RpcException)
                {
                    return false; // counted as failed; the run then exits non-zero
                }
            }, TimeSpan.FromSeconds(2), duration);
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    private static async Task<Guid> CustomerAsync(Uri gateway, string token)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await http.PostAsJsonAsync("/api/customers", new { name = "Benchmark customer", email = "bench@synkro.test" });
        created.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static string Sku(int index) => BenchmarkCatalog.Sku("ORDER", index);
}
