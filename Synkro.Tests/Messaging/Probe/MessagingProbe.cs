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
/// A minimal service on Synkro's event bus, run as its own process by the messaging tests and the
/// benchmark: it commits CounterIncremented events through the outbox and, when <c>Probe:Subscribe</c>
/// is true, consumes them into its own database. Its only purpose is to exercise the library the
/// way a service does, with the process boundaries (and kills) a service has.
/// </summary>
public static class MessagingProbe
{
    public const string DatabaseName = "probedb";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddNpgsqlDbContext<ProbeDbContext>(DatabaseName);
        var bus = builder.AddEventBus<ProbeDbContext>(ResourceNames.Messaging);
        if (builder.Configuration.GetValue<bool>("Probe:Subscribe"))
        {
            bus.AddSubscription<CounterIncremented, CounterIncrementedHandler>();
        }

        var app = builder.Build();
        await using (var dataSource = NpgsqlDataSource.Create(app.Configuration.GetConnectionString(DatabaseName)!))
        {
            await dataSource.CreateCommand(ProbeDbContext.Schema).ExecuteNonQueryAsync();
        }

        app.MapDefaultEndpoints();
        app.MapPost("/increments", CommitAsync);
        app.MapGet("/counters/{key}", async (string key, ProbeDbContext db) => TypedResults.Ok(new
        {
            Total = await db.Receipts.Where(r => r.Key == key).SumAsync(r => (long)r.Amount),
            Receipts = await db.Receipts.CountAsync(r => r.Key == key),
            DistinctEvents = await db.Receipts.Where(r => r.Key == key).Select(r => r.EventId).Distinct().CountAsync(),
            TraceIds = await db.Receipts.Where(r => r.Key == key).Select(r => r.TraceId).Distinct().ToListAsync(),
        }));
        app.MapGet("/outbox", async (ProbeDbContext db) => TypedResults.Ok(new
        {
            Unsent = await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null),
            Sent = await db.Set<OutboxMessage>().CountAsync(m => m.SentAt != null),
        }));
        await app.RunAsync();
        return 0;
    }

    /// <summary>Commits <paramref name="count"/> events, each in its own transaction with its state change, as a service would.</summary>
    private static async Task<IResult> CommitAsync(string key, int amount, int? count, ProbeDbContext db, IEventOutbox outbox, CancellationToken cancellationToken)
    {
        for (var i = 0; i < (count ?? 1); i++)
        {
            var @event = new CounterIncremented(key, amount);
            db.Sent.Add(new SentIncrement { Id = @event.Id, Key = key, Amount = amount });
            outbox.Add(@event, orderingKey: key);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return TypedResults.Ok(new { Committed = count ?? 1, TraceId = Activity.Current?.TraceId.ToString() });
    }
}
