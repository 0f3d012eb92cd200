using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Synkro.Tests.Hosting;
using Synkro.Tests.Messaging;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Events per second end to end, commit → consumed, through Wolverine's durable outbox, the broker
/// and the durable inbox (a probe service commits, another consumes into its database, each event
/// checked applied once), at 1, 8 and 32 concurrent publishers; next to raw RabbitMQ.Client at the
/// same concurrency in the same run (persistent messages, publisher confirms, a quorum queue, acks).
/// <c>dotnet run -c Release --project Synkro.Tests -- bench messaging [events] [events per transaction] [consumer parallelism] [Npgsql options]</c>
/// (the options, such as <c>"Max Auto Prepare=64"</c>, go on both probes' connection strings, to measure a variant).
/// </summary>
public static class MessagingBenchmark
{
    private static readonly int[] Concurrency = [1, 8, 32];

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var batch = args.Length > 1 ? int.Parse(args[1]) : 1;
        var parallel = args.Length > 2 ? args[2] : "8";
        var npgsqlOptions = args.Length > 3 ? ";" + args[3] : "";
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Postgres, ResourceNames.Messaging] });
        await app.WaitForHealthyAsync();
        Console.WriteLine($"Messaging benchmark: {events} events per row, {batch} event(s) per transaction, consumer parallelism {parallel}, {Environment.ProcessorCount} cores{(npgsqlOptions.Length > 0 ? $", Npgsql options \"{npgsqlOptions[1..]}\"" : "")}");
        // The machine's load is part of the result; both pipelines run under the same.
        Console.WriteLine($"load average before: {LoadAverage()}");

        var name = $"bench{Guid.NewGuid().ToString("N")[..6]}";
        var consumerDb = await ProbeProcess.CreateDatabaseAsync(app, $"{name}_consumer") + npgsqlOptions;
        var publisherDb = await ProbeProcess.CreateDatabaseAsync(app, $"{name}_publisher") + npgsqlOptions;
        await using var consumer = await ProbeProcess.StartAsync(app, $"{name}-consumer", consumerDb, subscribe: true,
            new Dictionary<string, string> { ["Messaging__MaxParallelMessages"] = parallel });
        await using (var broker = await BrokerClient.ConnectAsync(app.GetConnectionString(ResourceNames.Messaging)))
        {
            await broker.WaitForQueueAsync($"synkro.{name}-consumer", TimeSpan.FromSeconds(60));
        }

        await using var publisher = await ProbeProcess.StartAsync(app, $"{name}-publisher", publisherDb, subscribe: false);
        await publisher.CommitAsync("warmup", 1, 100);
        await consumer.WaitForCounterAsync("warmup", r => r.Receipts >= 100, TimeSpan.FromSeconds(60));

        var cpu = new CpuPerEvent(new Dictionary<int, string> { [publisher.Pid] = CpuPerEvent.Groups[0], [consumer.Pid] = CpuPerEvent.Groups[1] });
        var cpuRows = new List<string>();
        var databaseRows = new List<string>();
        Console.WriteLine();
        Console.WriteLine("| publishers | raw RabbitMQ.Client, confirms (msg/s) | Wolverine: commit → outbox → broker → inbox → handler (events/s) | commits/s | ratio to raw |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var publishers in Concurrency)
        {
            var rawStart = cpu.Snapshot();
            var raw = await RawBrokerAsync(app, events, publishers);
            var rawEnd = cpu.Snapshot();
            var (publishing, consuming) = (await DatabaseWork.ReadAsync(publisherDb), await DatabaseWork.ReadAsync(consumerDb));
            // Each CPU window holds its row only, not the counters' reads and their waits.
            var wolverineStart = cpu.Snapshot();
            var (commits, endToEnd) = await OutboxToInboxAsync(publisher, consumer, $"bench-{publishers}", events, batch, publishers);
            var wolverineEnd = cpu.Snapshot();
            databaseRows.Add($"| {publishers} | {(await DatabaseWork.ReadAsync(publisherDb)).PerEvent(publishing, events)} | {(await DatabaseWork.ReadAsync(consumerDb)).PerEvent(consuming, events)} |");
            cpuRows.Add(CpuPerEvent.Row($"raw, {publishers}", cpu.Between(rawStart, rawEnd, events)));
            cpuRows.Add(CpuPerEvent.Row($"Wolverine, {publishers}", cpu.Between(wolverineStart, wolverineEnd, events)));
            Console.WriteLine($"| {publishers} | {raw:0} | {endToEnd:0} | {commits:0} | {endToEnd / raw:0.00} |");
        }

        Console.WriteLine();
        Console.WriteLine($"CPU per event (ms), by process, over each row ({Environment.ProcessorCount} cores give {Environment.ProcessorCount * 1000} ms of CPU a second):");
        Console.WriteLine();
        Console.WriteLine($"| pipeline, publishers | {string.Join(" | ", CpuPerEvent.Groups)} | all |");
        Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---:|", CpuPerEvent.Groups.Length + 1))}");
        cpuRows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("PostgreSQL's work per event in each Wolverine row (pg_stat_database; handled inbox rows are deleted minutes later, outside the row):");
        Console.WriteLine();
        Console.WriteLine("| publishers | publisher: commits | inserted | updated | deleted | consumer: commits | inserted | updated | deleted |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        databaseRows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary><paramref name="publishers"/> channels, each publishing one persistent message at a time and awaiting its confirm; consumed with acks.</summary>
    private static async Task<double> RawBrokerAsync(SynkroApp app, int events, int publishers)
    {
        var factory = new ConnectionFactory { Uri = new Uri(app.GetConnectionString(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var consuming = await connection.CreateChannelAsync();
        var queue = $"bench.raw.{Guid.NewGuid():N}";
        await consuming.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consuming.BasicQosAsync(0, 200, false);
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consuming.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == events)
            {
                done.TrySetResult();
            }
        };
        await consuming.BasicConsumeAsync(queue, autoAck: false, consumer);

        var channels = new List<IChannel>();
        for (var i = 0; i < publishers; i++)
        {
            channels.Add(await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));
        }

        var body = new byte[160];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(channels.Select(async channel =>
        {
            while (Interlocked.Increment(ref next) < events)
            {
                await channel.BasicPublishAsync("", queue, false, new BasicProperties { Persistent = true }, body);
            }
        }));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var rate = events / clock.Elapsed.TotalSeconds;
        foreach (var channel in channels)
        {
            await channel.DisposeAsync();
        }

        await consuming.QueueDeleteAsync(queue);
        return rate;
    }

    /// <summary>Returns the rate at which the publisher committed events, and the end-to-end rate (all consumed, each once).</summary>
    private static async Task<(double Commits, double EndToEnd)> OutboxToInboxAsync(
        ProbeProcess publisher, ProbeProcess consumer, string key, int events, int batch, int publishers)
    {
        var transactions = events / batch;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(i =>
            publisher.CommitAsync(key, 1, transactions / publishers + (i < transactions % publishers ? 1 : 0), batch)));
        var committed = clock.Elapsed;
        var expected = transactions * batch;
        var reading = await consumer.WaitForCounterAsync(key, r => r.Receipts >= expected, TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        if (reading.Receipts != expected || reading.DistinctEvents != expected)
        {
            throw new InvalidOperationException($"Expected {expected} events once each, got {reading.Receipts} receipts of {reading.DistinctEvents} events.");
        }

        return (expected / committed.TotalSeconds, expected / elapsed.TotalSeconds);
    }
}
