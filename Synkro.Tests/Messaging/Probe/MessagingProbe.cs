using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Synkro.ServiceDefaults.Messaging;

namespace Synkro.Tests.Messaging.Probe;

/// <summary>
/// A minimal service on Synkro's messaging (ServiceDefaults' AddMessaging, on Wolverine), run as its
/// own process by the messaging tests and the benchmark: it commits CounterIncremented events
/// through the durable outbox and, when <c>Probe:Subscribe</c> is true, consumes them through the
/// durable inbox into its own database. It exercises messaging the way a service does, with the
/// process boundaries (and kills) a service has.
/// </summary>
public static class MessagingProbe
{
    public const string DatabaseName = "probedb";

    /// <summary><c>Probe:StallKey</c>: the handler stops, its writes made and not committed, on this key (the kill window of a consumer).</summary>
    public static string? StallKey { get; private set; }

    /// <summary><c>Probe:SkipFlush</c>: commit events without sending them (the kill window between commit and publish).</summary>
    private static bool skipFlush;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddNpgsqlDbContext<ProbeDbContext>(DatabaseName);
        var subscribe = builder.Configuration.GetValue<bool>("Probe:Subscribe");
        StallKey = builder.Configuration["Probe:StallKey"];
        skipFlush = builder.Configuration.GetValue<bool>("Probe:SkipFlush");
        builder.AddMessaging<ProbeDbContext>(DatabaseName, subscribe ? messaging => messaging.Subscribe<CounterIncremented>() : null);

        var app = builder.Build();
        // Not for a JasperFx command (codegen write), which needs no database.
        if (args is [] && app.Configuration.GetConnectionString(DatabaseName) is { } connectionString)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await dataSource.CreateCommand(ProbeDbContext.Schema).ExecuteNonQueryAsync();
        }

        app.MapDefaultEndpoints();
        app.MapPost("/increments", CommitAsync);
        // One query, so a reading is one snapshot: counted apart, a receipt committed between the sum and the count showed as Receipts 1, Total 0.
        app.MapGet("/counters/{key}", async (string key, ProbeDbContext db) =>
        {
            var receipts = await db.Receipts.Where(r => r.Key == key).Select(r => new { r.Amount, r.EventId, r.TraceId }).ToListAsync();
            return TypedResults.Ok(new
            {
                Total = receipts.Sum(r => (long)r.Amount),
                Receipts = receipts.Count,
                DistinctEvents = receipts.Select(r => r.EventId).Distinct().Count(),
                TraceIds = receipts.Select(r => r.TraceId).Distinct().ToList(),
            });
        });
        app.MapPost("/low-stock", PublishLowStockAsync);
        app.MapGet("/outbox", async (ProbeDbContext db) => TypedResults.Ok(new
        {
            Unsent = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM wolverine.wolverine_outgoing_envelopes").SingleAsync(),
        }));
        return await app.RunOrWriteGeneratedCodeAsync(args);
    }

    /// <summary>
    /// Commits <paramref name="count"/> LowStockDetected events, one transaction each, for SKUs
    /// <c>{prefix}-{from}</c> onwards: what Inventory sends Notifications when stock crosses the line.
    /// </summary>
    private static async Task<IResult> PublishLowStockAsync(string prefix, int from, int count, IEventOutbox outbox, ProbeDbContext db, CancellationToken cancellationToken)
    {
        var warehouse = Guid.CreateVersion7();
        for (var i = from; i < from + count; i++)
        {
            outbox.Add(new LowStockDetected($"{prefix}-{i:D5}", warehouse, 3, 5));
            await outbox.StageAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await outbox.FlushAsync();
        }

        return TypedResults.Ok(new { Committed = count });
    }

    /// <summary>
    /// Commits <paramref name="count"/> transactions, one after the other, as a service would: each
    /// with <paramref name="batch"/> events (1 unless asked) and their state changes.
    /// </summary>
    private static async Task<IResult> CommitAsync(string key, int amount, int? count, int? batch, ProbeDbContext db, IEventOutbox outbox, CancellationToken cancellationToken)
    {
        for (var i = 0; i < (count ?? 1); i++)
        {
            for (var e = 0; e < (batch ?? 1); e++)
            {
                var incremented = new CounterIncremented(key, amount);
                db.Sent.Add(new SentIncrement { Id = incremented.Id, Key = key, Amount = amount });
                outbox.Add(incremented);
            }

            await outbox.StageAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (skipFlush)
            {
                outbox.Clear();
            }
            else
            {
                await outbox.FlushAsync();
            }

            db.ChangeTracker.Clear();
        }

        return TypedResults.Ok(new { Committed = count ?? 1, TraceId = Activity.Current?.TraceId.ToString() });
    }
}
