using System.Net;
using System.Text.Json;
using Synkro.Tests.Integration.Inventory;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>Notifications' delivery log, read as a manager reads it.</summary>
internal static class Deliveries
{
    /// <summary>
    /// The deliveries to <paramref name="recipient"/> whose subject names <paramref name="about"/>, once
    /// <paramref name="count"/> of them have an outcome (a mail reaches the catcher a moment before its
    /// delivery is marked sent).
    /// </summary>
    public static async Task<List<JsonElement>> SettledAsync(string token, string recipient, string about, int count)
    {
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            using var response = await Edge.GetAsync($"/api/notifications/deliveries?recipient={Uri.EscapeDataString(recipient)}&limit=200", token);
            var ours = (await InventoryClient.ReadAsync<JsonElement>(response, HttpStatusCode.OK)).EnumerateArray()
                .Where(d => d.GetProperty("subject").GetString()!.Contains(about, StringComparison.Ordinal))
                .OrderBy(d => d.GetProperty("createdAt").GetDateTimeOffset())
                .ToList();
            var settled = ours.Count(d => d.GetProperty("status").GetString() is not ("Queued" or "Sending"));
            if (ours.Count >= count && settled == ours.Count)
            {
                return ours;
            }

            Assert.That(deadline.Passed, Is.False, $"{settled} of {ours.Count} deliveries to {recipient} about {about} settled, {count} expected, after {deadline}");
            await Task.Delay(250);
        }
    }
}
