using Npgsql;

namespace Synkro.Tests.Integration.Messaging;

/// <summary>The outbox and inbox do not grow without bound: rows past their retention are pruned on schedule.</summary>
[TestFixture]
[Category("Messaging")]
public sealed class PruningTests
{
    [Test]
    public async Task Sent_outbox_rows_and_old_inbox_ids_are_pruned()
    {
        var prune = new Dictionary<string, string>
        {
            ["Messaging__OutboxRetention"] = "00:00:00",
            ["Messaging__InboxRetention"] = "00:00:00",
            ["Messaging__PruneInterval"] = "00:00:01",
        };
        await using var probes = await ProbePair.StartAsync(consumerSettings: prune, publisherSettings: prune);
        await probes.Publisher.CommitAsync("pruned", amount: 1, count: 20);
        var reading = await probes.Consumer.WaitForCounterAsync("pruned", r => r.Receipts >= 20, TimeSpan.FromSeconds(60));
        Assert.That(reading.Receipts, Is.EqualTo(20));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        long outbox, inbox;
        do
        {
            await Task.Delay(500);
            outbox = await CountAsync(probes.PublisherDatabase, "messaging.outbox");
            inbox = await CountAsync(probes.ConsumerDatabase, "messaging.inbox");
        }
        while ((outbox > 0 || inbox > 0) && DateTime.UtcNow < deadline);

        Assert.That(outbox, Is.Zero, "sent outbox rows past retention");
        Assert.That(inbox, Is.Zero, "inbox ids past retention");
        Assert.That((await probes.Consumer.ReadCounterAsync("pruned")).Receipts, Is.EqualTo(20), "pruning touches only the messaging tables");
    }

    private static async Task<long> CountAsync(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
