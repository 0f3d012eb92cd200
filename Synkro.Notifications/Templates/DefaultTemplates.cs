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
        [(EventKinds.ReservationExpired, Channels.Email)] = (
            "Reservation expired: order {{ orderId | slice: 0, 8 }}",
            """
            Hello {{ recipient.name }},

            The hold on stock for order {{ orderId }} ran out before it was allocated or committed, and its {{ units }} units are available again:
            {% for line in lines %}- {{ line.sku }} x {{ line.quantity }}
            {% endfor %}
            Synkro ({{ occurredAt }})
            """,
            """
            <p>Hello {{ recipient.name }},</p>
            <p>The hold on stock for order <strong>{{ orderId }}</strong> ran out before it was allocated or committed, and its {{ units }} units are available again:</p>
            <ul>{% for line in lines %}<li>{{ line.sku }} &times; {{ line.quantity }}</li>{% endfor %}</ul>
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
        // In the app: a title, one or two lines, and the same as a fragment of HTML.
        [(EventKinds.LowStock, Channels.InApp)] = (
            "Low stock: {{ sku }}",
            "{{ sku }} is down to {{ quantity }} in warehouse {{ warehouseId }} (reorder point {{ threshold }}).",
            "<strong>{{ sku }}</strong> is down to {{ quantity }} in warehouse {{ warehouseId }} (reorder point {{ threshold }})."),
        [(EventKinds.Overstock, Channels.InApp)] = (
            "Overstock: {{ sku }}",
            "{{ sku }} has {{ quantity }} on hand in warehouse {{ warehouseId }} (overstock level {{ threshold }}).",
            "<strong>{{ sku }}</strong> has {{ quantity }} on hand in warehouse {{ warehouseId }} (overstock level {{ threshold }})."),
        [(EventKinds.OrderStatus, Channels.InApp)] = (
            "Order {{ orderId | slice: 0, 8 }} is {{ status }}",
            "Order {{ orderId }} went from {{ from }} to {{ status }}.{% if notes != \"\" %} {{ notes }}{% endif %}",
            "Order <strong>{{ orderId }}</strong> went from {{ from }} to {{ status }}.{% if notes != \"\" %} {{ notes }}{% endif %}"),
        [(EventKinds.ReservationExpired, Channels.InApp)] = (
            "Reservation expired: order {{ orderId | slice: 0, 8 }}",
            "The hold for order {{ orderId }} ran out: {% for line in lines %}{{ line.sku }} x {{ line.quantity }}{% unless forloop.last %}, {% endunless %}{% endfor %} available again.",
            "The hold for order <strong>{{ orderId }}</strong> ran out: {% for line in lines %}{{ line.sku }} &times; {{ line.quantity }}{% unless forloop.last %}, {% endunless %}{% endfor %} available again."),
        [(EventKinds.WebhookFailing, Channels.InApp)] = (
            "Webhook failing: {{ url }}",
            "{{ url }} did not accept delivery {{ deliveryId }} in {{ attempts }} attempts: {{ lastError }}",
            "<strong>{{ url }}</strong> did not accept delivery {{ deliveryId }} in {{ attempts }} attempts: {{ lastError }}"),
        [(EventKinds.DailyDigest, Channels.Email)] = (
            "Your Synkro digest: {{ count }} alert{% if count != 1 %}s{% endif %}",
            """
            Hello,

            What your daily subscriptions held back since the last digest, oldest first:

            {% for alert in alerts %}- {{ alert.occurredAt }}  {{ alert.subject }}
            {% endfor %}
            Each is in the delivery log, with the digest it went out in.

            Synkro ({{ occurredAt }})
            """,
            """
            <p>Hello,</p>
            <p>What your daily subscriptions held back since the last digest, oldest first:</p>
            <ul>{% for alert in alerts %}<li>{{ alert.occurredAt }}: <strong>{{ alert.subject }}</strong></li>{% endfor %}</ul>
            <p style="color:#666">Synkro, {{ occurredAt }}</p>
            """),
    };

    /// <summary>Every kind and channel with a template: the alerts on each channel people subscribe on, and the digest by email.</summary>
    public static IEnumerable<(string Kind, string Channel)> Keys => Built.Keys.OrderBy(k => k.Kind == EventKinds.DailyDigest).ThenBy(k => Array.IndexOf(EventKinds.All, k.Kind)).ThenBy(k => k.Channel, StringComparer.Ordinal);

    public static bool Has(string kind, string channel) => Built.ContainsKey((kind, channel));

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
        EventKinds.ReservationExpired => Alert.ForReservation(Guid.Empty, DateTimeOffset.UnixEpoch, Guid.Empty, Guid.Empty, [new("SKU-EXAMPLE", Guid.Empty, 2), new("SKU-OTHER", Guid.Empty, 1)]),
        EventKinds.DailyDigest => new Alert(Guid.Empty, kind, DateTimeOffset.UnixEpoch, new Dictionary<string, object?>
        {
            ["count"] = 2,
            ["alerts"] = new List<Dictionary<string, object?>>
            {
                new() { ["kind"] = EventKinds.LowStock, ["subject"] = "Low stock: SKU-EXAMPLE is down to 3", ["occurredAt"] = "1970-01-01 06:00:00Z" },
                new() { ["kind"] = EventKinds.Overstock, ["subject"] = "Overstock: SKU-OTHER has 250 on hand", ["occurredAt"] = "1970-01-01 09:30:00Z" },
            },
        }),
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
