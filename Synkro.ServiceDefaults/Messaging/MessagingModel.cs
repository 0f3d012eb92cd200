using Synkro.ServiceDefaults.Messaging;

namespace Microsoft.EntityFrameworkCore;

public static class MessagingModelExtensions
{
    /// <summary>
    /// Maps the outbox into a service's DbContext so events are saved with its state changes. The table
    /// itself is created by the event bus at startup (<c>messaging</c> schema), so migrations leave it out.
    /// </summary>
    public static ModelBuilder AddIntegrationEventOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox", "messaging", table => table.ExcludeFromMigrations());
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.Id).HasColumnName("id");
            outbox.Property(m => m.EventType).HasColumnName("event_type");
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.OrderingKey).HasColumnName("ordering_key");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent");
            outbox.Property(m => m.TraceState).HasColumnName("trace_state");
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
        });
        return modelBuilder;
    }
}
