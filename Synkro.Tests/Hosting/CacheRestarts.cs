using System.Net.Sockets;
using Synkro.Security;
using Synkro.Tests.Lifecycle;

namespace Synkro.Tests.Hosting;

/// <summary>
/// Redis stopped and started again under a running system. Each process reconnects on its own
/// schedule, seconds apart, and until it has it hears no logout; so a test waits for all of them
/// (every denylist copy subscribed again) before it goes on, and the next test starts with a whole system.
/// </summary>
internal static class CacheRestarts
{
    /// <summary>Stops Redis; the answer is how many processes listened on it, for <see cref="StartAsync"/>.</summary>
    public static async Task<long> StopAsync(SynkroApp app)
    {
        var copies = await SubscribedAsync(app);
        await app.StopResourceAsync(ResourceNames.Cache);
        return copies;
    }

    public static async Task StartAsync(SynkroApp app, long copies)
    {
        await app.StartResourceAsync(ResourceNames.Cache);
        await app.WaitForHealthyAsync(Deadlines.ResourceStart);
        var deadline = Deadlines.In(Deadlines.Eventually);
        long subscribed;
        while ((subscribed = await SubscribedAsync(app)) < copies && !deadline.Passed)
        {
            await Task.Delay(100);
        }

        Assert.That(subscribed, Is.GreaterThanOrEqualTo(copies), $"every process back on Redis after {deadline}");
    }

    private static async Task<long> SubscribedAsync(SynkroApp app)
    {
        try
        {
            using var redis = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache));
            return long.Parse((await redis.SendArrayAsync("PUBSUB", "NUMSUB", DeniedTokens.Channel.ToString()))[1]!);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return 0;
        }
    }
}
