using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Synkro.Tests.Hosting;
using Synkro.Tests.Messaging;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// End-to-end events per second, commit → consumed, through Synkro's outbox, relay, broker and inbox
/// (publisher confirms, persistent messages, quorum queues, one database transaction per commit and
/// per consumption), against a baseline measured in the same run: the same number of persistent
/// messages published with confirms to a quorum queue and consumed with acks, with no database.
/// <c>dotnet run -c Release --project Synkro.Tests -- bench messaging [events] [publishers]</c>
/// </summary>
public static class MessagingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0]) : 5000;
        var publishers = args.Length > 1 ? int.Parse(args[1]) : 8;
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Postgres, ResourceNames.Messaging] });
        await app.WaitForHealthyAsync();
        Console.WriteLine($"Messaging benchmark: {events} events, {publishers} concurrent committing clients, {Environment.ProcessorCount} cores");
        // The machine's load is part of the result; both pipelines run under the same.
        Console.WriteLine($"load average before: {LoadAverage()}");

        var baseline = await RawBrokerAsync(app, events);
        Console.WriteLine();
        Console.WriteLine("| pipeline | consumer concurrency | commits/s | events/s end to end | ratio to baseline |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| baseline: RabbitMQ only (confirms, persistent, quorum queue, acks) | 1 | - | {baseline:0} | 1.00 |");
        foreach (var concurrency in (int[])[1, 4])
        {
            var (commits, rate) = await OutboxToInboxAsync(app, events, publishers, concurrency);
            Console.WriteLine($"| Synkro: commit → outbox → relay → broker → inbox → handler | {concurrency} | {commits:0} | {rate:0} | {rate / baseline:0.00} |");
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<double> RawBrokerAsync(SynkroApp app, int events)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(app.GetConnectionString(ResourceNames.Messaging)) }.CreateConnectionAsync();
        await using var consuming = await connection.CreateChannelAsync();
        var queue = $"bench.raw.{Guid.NewGuid():N}";
        await consuming.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consuming.BasicQosAsync(0, 32, false);
        var received = 0;
        var done = new TaskCompletionSource();
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

        await using var publishing = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = new byte[120];
        var clock = Stopwatch.StartNew();
        // Batches of 500 awaited together, as the outbox relay publishes.
        for (var sent = 0; sent < events; sent += 500)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(500, events - sent)).Select(_ =>
                publishing.BasicPublishAsync("", queue, false, new BasicProperties { Persistent = true }, body).AsTask()));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var rate = events / clock.Elapsed.TotalSeconds;
        await consuming.QueueDeleteAsync(queue);
        return rate;
    }

    /// <summary>Returns the rate at which the publisher committed, and the end-to-end rate (all consumed).</summary>
    private static async Task<(double Commits, double EndToEnd)> OutboxToInboxAsync(SynkroApp app, int events, int publishers, int consumerConcurrency)
    {
        var name = $"bench{Guid.NewGuid().ToString("N")[..6]}";
        var consumerDb = await ProbeProcess.CreateDatabaseAsync(app, $"{name}_consumer");
        var publisherDb = await ProbeProcess.CreateDatabaseAsync(app, $"{name}_publisher");
        await using var consumer = await ProbeProcess.StartAsync(app, $"{name}-consumer", consumerDb, subscribe: true,
            new Dictionary<string, string> { ["Messaging__ConsumerConcurrency"] = consumerConcurrency.ToString() });
        await using (var broker = await BrokerClient.ConnectAsync(app.GetConnectionString(ResourceNames.Messaging)))
        {
            await broker.WaitForQueueAsync($"synkro.{name}-consumer", TimeSpan.FromSeconds(60));
        }

        await using var publisher = await ProbeProcess.StartAsync(app, $"{name}-publisher", publisherDb, subscribe: false);
        await publisher.CommitAsync("warmup", 1, 10);
        await consumer.WaitForCounterAsync("warmup", r => r.Receipts >= 10, TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(i =>
            publisher.CommitAsync("bench", 1, events / publishers + (i < events % publishers ? 1 : 0))));
        var committed = clock.Elapsed;
        var reading = await consumer.WaitForCounterAsync("bench", r => r.Receipts >= events, TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        if (reading.Receipts != events || reading.DistinctEvents != events)
        {
            throw new InvalidOperationException($"Expected {events} events once each, got {reading.Receipts} receipts of {reading.DistinctEvents} events.");
        }

        return (events / committed.TotalSeconds, events / elapsed.TotalSeconds);
    }
}
