using Synkro.Notifications.Alerts;

namespace Synkro.Notifications.Templates;

/// <summary>The words Synkro ships with (version 0), used until an admin saves their own.</summary>
public static class DefaultTemplates
{
    private static readonly Dictionary<(string Kind, string Channel), (string Subject, string Text, string Html)> Built = new()
    {
        [(EventKinds.LowStock, Channels.Email)] = (
            "Low stock: {{ sku }} is down to {{ quantity }}",
            """
            Hello {{ recipient.name }},

            {{ sku }} has {{ quantity }} available in warehouse {{ warehouseId }}, at or below its reorder point of {{ threshold }}.
            Reorder or move stock in before orders have to wait.

            Synkro ({{ occurredAt }})
            """,
            """
            <p>Hello {{ recipient.name }},</p>
            <p><strong>{{ sku }}</strong> has <strong>{{ quantity }}</strong> available in warehouse {{ warehouseId }},
            at or below its reorder point of {{ threshold }}.</p>
            <p>Reorder or move stock in before orders have to wait.</p>
            <p style="color:#666">Synkro, {{ occurredAt }}</p>
            """),
        [(EventKinds.Overstock, Channels.Email)] = (
            "Overstock: {{ sku }} has {{ quantity }} on hand",
            """
            Hello {{ recipient.name }},

            {{ sku }} has {{ quantity }} on hand in warehouse {{ warehouseId }}, above its overstock level of {{ threshold }}.

            Synkro ({{ occurredAt }})
            """,
            """
            <p>Hello {{ recipient.name }},</p>
            <p><strong>{{ sku }}</strong> has <strong>{{ quantity }}</strong> on hand in warehouse {{ warehouseId }},
            above its overstock level of {{ threshold }}.</p>
            <p style="color:#666">Synkro, {{ occurredAt }}</p>
            """),
        [(EventKinds.OrderStatus, Channels.Email)] = (
            "Your order {{ orderId | slice: 0, 8 }} is {{ status }}",
            """
            Hello {{ recipient.name }},

            {% case status %}{% when "Created" %}We have your order {{ orderId }} and are preparing it.{% when "BackOrdered" %}Part of your order {{ orderId }} is out of stock; we will send it as soon as it is back.{% when "Shipped" %}Your order {{ orderId }} is on its way: {{ notes }}.{% when "Delivered" %}Your order {{ orderId }} was delivered.{% when "Cancelled" %}Your order {{ orderId }} was cancelled: {{ notes }}.{% else %}Your order {{ orderId }} is now {{ status }}.{% endcase %}

            Synkro ({{ occurredAt }})
            """,
            """
            <p>Hello {{ recipient.name }},</p>
            <p>{% case status %}{% when "Created" %}We have your order <strong>{{ orderId }}</strong> and are preparing it.{% when "BackOrdered" %}Part of your order <strong>{{ orderId }}</strong> is out of stock; we will send it as soon as it is back.{% when "Shipped" %}Your order <strong>{{ orderId }}</strong> is on its way: {{ notes }}.{% when "Delivered" %}Your order <strong>{{ orderId }}</strong> was delivered.{% when "Cancelled" %}Your order <strong>{{ orderId }}</strong> was cancelled: {{ notes }}.{% else %}Your order <strong>{{ orderId }}</strong> is now {{ status }}.{% endcase %}</p>
            <p style="color:#666">Synkro, {{ occurredAt }}</p>
            """),
        [(EventKinds.WebhookFailing, Channels.Email)] = (
            "Webhook failing: {{ url }}",
            """
            Hello {{ recipient.name }},

            The webhook endpoint {{ url }} did not accept delivery {{ deliveryId }} in {{ attempts }} attempts: {{ lastError }}
            Synkro keeps sending it new events, and it is Active again at the first one it accepts.
            Failed deliveries can be sent again: POST /api/notifications/deliveries/{{ deliveryId }}/redeliver.

            Synkro ({{ occurredAt }})
            """,
            """
            <p>Hello {{ recipient.name }},</p>
            <p>The webhook endpoint <strong>{{ url }}</strong> did not accept delivery {{ deliveryId }} in {{ attempts }} attempts:
            {{ lastError }}</p>
            <p>Synkro keeps sending it new events, and it is Active again at the first one it accepts.
            Failed deliveries can be sent again from the delivery log.</p>
            <p style="color:#666">Synkro, {{ occurredAt }}</p>
            """),
    };

    public static NotificationTemplate For(string kind, string channel) =>
        Built.TryGetValue((kind, channel), out var words)
            ? new NotificationTemplate { EventKind = kind, Channel = channel, Subject = words.Subject, Text = words.Text, Html = words.Html, Version = 0, UpdatedBy = "synkro" }
            : throw new ArgumentOutOfRangeException(nameof(kind), $"No template for {kind} on {channel}.");

    /// <summary>Example values for a preview, as an alert of that kind would carry them.</summary>
    public static Alert SampleAlert(string kind) => kind switch
    {
        EventKinds.LowStock => Alert.ForStock(Guid.Empty, kind, DateTimeOffset.UnixEpoch, "SKU-EXAMPLE", Guid.Empty, 3, 5),
        EventKinds.Overstock => Alert.ForStock(Guid.Empty, kind, DateTimeOffset.UnixEpoch, "SKU-EXAMPLE", Guid.Empty, 250, 200),
        EventKinds.OrderStatus => Alert.ForOrder(Guid.Empty, DateTimeOffset.UnixEpoch, Guid.Empty, Guid.Empty, "Confirmed", "Shipped", "DHL JJD000390007"),
        _ => new Alert(Guid.Empty, kind, DateTimeOffset.UnixEpoch, new Dictionary<string, object?>
        {
            ["webhookId"] = Guid.Empty.ToString(),
            ["url"] = "https://hooks.example.com/synkro",
            ["deliveryId"] = Guid.Empty.ToString(),
            ["attempts"] = 10,
            ["lastError"] = "The receiver answered 503 Service Unavailable.",
        }),
    };
}
