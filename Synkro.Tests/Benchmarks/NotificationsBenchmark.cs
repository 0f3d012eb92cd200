using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Integration.Notifications;
using Synkro.Tests.Messaging;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Events in, notifications out: LowStockDetected events committed through a probe's outbox (as
/// Inventory sends them) become, in Notifications, one email per subscribed manager (MailKit to
/// smtp4dev, on kept connections), one in-app notification per manager and one signed webhook (to a local receiver). Reported:
/// deliveries per second until the last is sent, and event-to-delivery p50/p99 from the delivery
/// log (sent minus the event's time), at saturation (every event at once) and paced at half that rate
/// for 30 s. Beside it in the same run, each channel raw at Notifications'
/// own parallelism (8): MailKit straight to smtp4dev (a connection per mail, and one kept per sender), HttpClient straight to the receiver.
/// <c>dotnet run -c Release --project Synkro.Tests -- bench notifications [events] [managers]</c>
/// </summary>
public static class NotificationsBenchmark
{
    private const int Parallelism = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var managers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions
        {
            Only = [ResourceNames.Notifications, ResourceNames.Gateway],
            ProjectEnvironment = new Dictionary<string, string>
            {
                ["Identity__AccessTokenLifetime"] = "04:00:00",
                ["Webhooks__AllowedPrivateNetworks__0"] = "127.0.0.2/32",
            },
        });
        await app.WaitForHealthyAsync(TimeSpan.FromMinutes(5));
        var accounts = new StaffAccounts(app);
        var admin = (await accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        for (var i = 0; i < managers; i++)
        {
            await accounts.CreateAsync(Roles.Manager);
        }

        using var receiver = new WebhookReceiver();
        using var gateway = accounts.Gateway();
        await RegisterWebhookAsync(gateway, admin, receiver.Url);
        var database = app.GetConnectionString(ResourceNames.NotificationsDb);
        var probeDb = await ProbeProcess.CreateDatabaseAsync(app, $"bench{Guid.NewGuid().ToString("N")[..6]}_inventory");
        await using var inventory = await ProbeProcess.StartAsync(app, "inventory-probe", probeDb, subscribe: false);
        Console.WriteLine($"Notifications benchmark: {events} low-stock events, {managers} manager(s) subscribed by email and in-app and one webhook endpoint: {events * ((2 * managers) + 1)} deliveries; {Environment.ProcessorCount} cores");
        Console.WriteLine($"load average before: {MachineLoad.Now}");

        await RunAsync(inventory, receiver, database, "WARM", 100, managers); // JIT, pools, the first tokens
        var mail = Smtp(app.GetConnectionString(ResourceNames.Mail));
        var rawMailEach = await RawAsync(events, _ => SendMailAsync(mail));
        var rawMail = await RawKeptAsync(events, mail);
        using var http = new HttpClient();
        var body = JsonSerializer.Serialize(new { type = "low-stock", timestamp = DateTimeOffset.UtcNow, data = new { sku = "RAW-00000", warehouseId = Guid.Empty, quantity = 3, threshold = 5 } });
        var rawWebhook = await RawAsync(events, async _ =>
        {
            using var response = await http.PostAsync(receiver.Url, new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        });
        var (elapsed, channels) = await RunAsync(inventory, receiver, database, "BENCH", events, managers, rate: null);
        var saturation = events / elapsed.TotalSeconds;
        var paced = Math.Max(1, (int)(saturation / 2));
        var (pacedElapsed, pacedChannels) = await RunAsync(inventory, receiver, database, "PACED", paced * 30, managers, rate: paced);

        Console.WriteLine();
        Console.WriteLine($"| channel | raw, {Parallelism} at once (msg/s) | Synkro at saturation: event → delivered (deliveries/s) | ratio to raw |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (channel, label, raw) in new[] { ("email", "email (raw: a connection per mail)", rawMailEach), ("email", "email (raw: connections kept)", rawMail), ("webhook", "webhook", rawWebhook) }.Where(c => channels.ContainsKey(c.Item1)))
        {
            var rate = channels[channel].Count / elapsed.TotalSeconds;
            Console.WriteLine($"| {label} | {raw:0} | {rate:0} | {rate / raw:0.00} |");
        }

        Console.WriteLine();
        Console.WriteLine("| phase | events in (events/s) | deliveries out (deliveries/s) | email p50 / p99 (ms) | in-app p50 / p99 (ms) | webhook p50 / p99 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (phase, took, count, measured) in new[] { ($"saturation, {events} events at once", elapsed, events, channels), ($"paced at half of it, 30 s", pacedElapsed, paced * 30, pacedChannels) })
        {
            string Latency(string channel) => measured.TryGetValue(channel, out var c) ? $"{c.P50:0} / {c.P99:0}" : "-";
            var inRate = phase.StartsWith("paced", StringComparison.Ordinal) ? paced : count / took.TotalSeconds;
            Console.WriteLine($"| {phase} | {inRate:0} | {measured.Values.Sum(c => c.Count) / took.TotalSeconds:0} | {Latency("email")} | {Latency("in-app")} | {Latency("webhook")} |");
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {MachineLoad.Now}");
        return 0;
    }

    /// <summary>
    /// Commits the events, all at once from four probe requests (<paramref name="rate"/> null) or one at
    /// a time at <paramref name="rate"/> a second, then waits until every delivery is sent; per channel:
    /// how many, and event-to-delivery p50 and p99 in ms.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, Dictionary<string, (long Count, double P50, double P99)> Channels)> RunAsync(
        ProbeProcess inventory, WebhookReceiver receiver, string database, string prefix, int events, int managers, int? rate = null)
    {
        async Task PublishAsync(int from, int count)
        {
            using var response = await inventory.Http.PostAsync($"/low-stock?prefix={prefix}&from={from}&count={count}", null);
            response.EnsureSuccessStatusCode();
        }

        var clock = Stopwatch.StartNew();
        if (rate is { } perSecond)
        {
            var published = new List<Task>();
            for (var i = 0; i < events; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                published.Add(PublishAsync(i, 1));
            }

            await Task.WhenAll(published);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PublishAsync(events * i / 4, (events * (i + 1) / 4) - (events * i / 4))));
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var expected = events * ((2 * managers) + 1);
        var deadline = Stopwatch.StartNew();
        while (await SentAsync(connection, prefix) < expected)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{await SentAsync(connection, prefix)} of {expected} deliveries sent after 10 minutes.");
            }

            await Task.Delay(50);
        }

        var elapsed = clock.Elapsed;
        await using var latency = new NpgsqlCommand(
            """
            SELECT channel, count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - occurred_at) * 1000),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - occurred_at) * 1000)
            FROM notifications.deliveries WHERE status = 'Sent' AND (subject LIKE @like OR text LIKE @like)
            GROUP BY channel
            """, connection);
        latency.Parameters.AddWithValue("like", $"%{prefix}-%");
        var channels = new Dictionary<string, (long, double, double)>();
        await using (var reader = await latency.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                channels[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3));
            }
        }

        if (receiver.About($"{prefix}-").Select(r => r.Headers["webhook-id"]).Distinct().Count() != events)
        {
            throw new InvalidOperationException($"The receiver got {receiver.About($"{prefix}-").Count} webhooks about {prefix}, not {events} distinct ones.");
        }

        return (elapsed, channels);
    }

    private static async Task<long> SentAsync(NpgsqlConnection connection, string prefix)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM notifications.deliveries WHERE status = 'Sent' AND (subject LIKE @like OR text LIKE @like)", connection);
        count.Parameters.AddWithValue("like", $"%{prefix}-%");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary><paramref name="count"/> sends, <see cref="Parallelism"/> at a time; sends per second.</summary>
    private static async Task<double> RawAsync(int count, Func<int, Task> send)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < count;)
            {
                await send(i);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary><paramref name="count"/> mails, <see cref="Parallelism"/> senders each on one connection it keeps; mails per second.</summary>
    private static async Task<double> RawKeptAsync(int count, (string Host, int Port) server)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async _ =>
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(server.Host, server.Port, SecureSocketOptions.StartTlsWhenAvailable);
            while (Interlocked.Increment(ref next) < count)
            {
                await smtp.SendAsync(RawMail());
            }

            await smtp.DisconnectAsync(quit: true);
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static (string Host, int Port) Smtp(string connectionString)
    {
        var endpoint = new Uri(connectionString.Split('=', 2)[1]);
        return (endpoint.Host, endpoint.Port);
    }

    /// <summary>A connection per mail, as Notifications sent before it kept them.</summary>
    private static async Task SendMailAsync((string Host, int Port) server)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(server.Host, server.Port, SecureSocketOptions.StartTlsWhenAvailable);
        await smtp.SendAsync(RawMail());
        await smtp.DisconnectAsync(quit: true);
    }

    /// <summary>Text and HTML, as Notifications sends one.</summary>
    private static MimeMessage RawMail()
    {
        var message = new MimeMessage { Subject = "Low stock: RAW-00000 is down to 3", Body = new BodyBuilder { TextBody = "RAW-00000 has 3 available.", HtmlBody = "<p><strong>RAW-00000</strong> has 3 available.</p>" }.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse("synkro@localhost"));
        message.To.Add(MailboxAddress.Parse("raw@synkro.test"));
        return message;
    }

    private static async Task RegisterWebhookAsync(HttpClient gateway, string admin, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/webhooks") { Content = JsonContent.Create(new { url, eventKinds = new[] { "low-stock" } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await gateway.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
