using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Synkro.ServiceDefaults.Messaging;
using Wolverine.EntityFrameworkCore;

namespace Synkro.Tests.Messaging.Probe;

/// <summary>The probe's one event: add <see cref="Amount"/> to the counter <see cref="Key"/>. A negative amount is poison.</summary>
public sealed record CounterIncremented(string Key, int Amount) : IntegrationEvent;

/// <summary>The probe's copy of inventory's threshold event, matched by name, for the notifications benchmark.</summary>
public sealed record LowStockDetected(string Sku, Guid WarehouseId, int Available, int Threshold) : IntegrationEvent;

/// <summary>The probe's database: what it sent and what it received (no unique key, so duplicates would show).</summary>
public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options)
{
    public const string Schema = """
        CREATE SCHEMA IF NOT EXISTS probe;
        CREATE TABLE IF NOT EXISTS probe.sent (id uuid PRIMARY KEY, key text NOT NULL, amount int NOT NULL);
        CREATE TABLE IF NOT EXISTS probe.receipts (id bigserial PRIMARY KEY, event_id uuid NOT NULL, key text NOT NULL, amount int NOT NULL, trace_id text NULL);
        CREATE INDEX IF NOT EXISTS receipts_key ON probe.receipts (key);
        """;

    public DbSet<SentIncrement> Sent => Set<SentIncrement>();

    public DbSet<ReceivedIncrement> Receipts => Set<ReceivedIncrement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapWolverineEnvelopeStorage(WolverineMessagingExtensions.Schema);
        modelBuilder.Entity<SentIncrement>().ToTable("sent", "probe");
        modelBuilder.Entity<ReceivedIncrement>().ToTable("receipts", "probe");
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetSchema() == "probe"))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(property.Name.ToLowerInvariant() switch { "eventid" => "event_id", "traceid" => "trace_id", var name => name });
            }
        }
    }
}

public sealed class SentIncrement
{
    public Guid Id { get; set; }

    public required string Key { get; set; }

    public int Amount { get; set; }
}

public sealed class ReceivedIncrement
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string Key { get; set; }

    public int Amount { get; set; }

    public string? TraceId { get; set; }
}
