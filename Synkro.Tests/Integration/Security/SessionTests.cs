using System.Net;
using System.Text.Json;
using Synkro.Security;
using Synkro.Tests.Hosting;
using Synkro.Tests.Lifecycle;

namespace Synkro.Tests.Integration.Security;

/// <summary>Sessions end when they should: at logout at once, and for a whole refresh family when a used refresh token comes back.</summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class SessionTests
{
    private const string Probe = "/api/inventory/items?limit=1";

    [Test]
    public async Task Logout_denies_the_access_token_at_once_everywhere_and_ends_the_refresh_family()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        using (var before = await Edge.GetAsync(Probe, account.AccessToken))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the token works before logout");
        }

        using (var logout = await Edge.SendAsync(HttpMethod.Post, "/auth/logout", account.AccessToken))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await AssertDeniedAsync(account.AccessToken);
        using var refresh = await RefreshAsync(account.RefreshToken!);
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the session's refresh token is revoked with it");
    }

    [Test]
    public async Task A_logged_out_token_stays_denied_after_Redis_restarts_empty()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        using (var logout = await Edge.SendAsync(HttpMethod.Post, "/auth/logout", account.AccessToken))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var app = SystemFixture.App;
        using (var redis = await RespClient.ConnectAsync(app.GetConnectionString(ResourceNames.Cache)))
        {
            // As if Redis had come back without its data (no persistence, or a fail-over to an empty replica).
            await redis.SendAsync("FLUSHALL");
        }

        await CacheRestarts.StartAsync(app, await CacheRestarts.StopAsync(app));

        // Denials live in memory in the gateway and in every service: a Redis that lost them takes nothing away.
        using (var atGateway = await Edge.GetAsync(Probe, account.AccessToken))
        {
            Assert.That(atGateway.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        foreach (var replica in app.CreateInstanceClients(ResourceNames.Inventory))
        {
            using (replica)
            using (var atService = await Edge.GetAsync(Probe, account.AccessToken, replica))
            {
                Assert.That(atService.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"inventory at {replica.BaseAddress}");
            }
        }
    }

    [Test]
    public async Task A_logout_while_Redis_is_down_reaches_every_service_when_Redis_is_back()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        var app = SystemFixture.App;
        var copies = await CacheRestarts.StopAsync(app);
        try
        {
            using var logout = await Edge.SendAsync(HttpMethod.Post, "/auth/logout", account.AccessToken);
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "logout is recorded in PostgreSQL");
            // Both gateway replicas refuse it at once: the one that took the logout from memory, the other from PostgreSQL.
            foreach (var gateway in app.CreateInstanceClients(ResourceNames.Gateway))
            {
                using (gateway)
                using (var atGateway = await Edge.GetAsync(Probe, account.AccessToken, gateway))
                {
                    Assert.That(atGateway.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"gateway at {gateway.BaseAddress}");
                }
            }
        }
        finally
        {
            await CacheRestarts.StartAsync(app, copies);
        }

        // The gateway refills Redis from PostgreSQL when its connection comes back and announces it; the services reload.
        foreach (var replica in app.CreateInstanceClients(ResourceNames.Inventory))
        {
            using (replica)
            {
                var deadline = Deadlines.In(Deadlines.Eventually);
                HttpStatusCode atService;
                do
                {
                    using var response = await Edge.GetAsync(Probe, account.AccessToken, replica);
                    atService = response.StatusCode;
                }
                while (atService != HttpStatusCode.Unauthorized && !deadline.Passed && await Delay());
                Assert.That(atService, Is.EqualTo(HttpStatusCode.Unauthorized), $"inventory at {replica.BaseAddress} after the gateway's refill");
            }
        }
    }

    [Test]
    public async Task Refresh_rotates_and_a_reused_refresh_token_revokes_its_whole_family()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        var first = account.RefreshToken!;

        StaffAccounts.Tokens second;
        using (var rotated = await RefreshAsync(first))
        {
            var body = await rotated.Content.ReadAsStringAsync();
            Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            second = JsonSerializer.Deserialize<StaffAccounts.Tokens>(body, JsonSerializerOptions.Web)!;
        }

        Assert.That(second.RefreshToken, Is.Not.EqualTo(first), "a new refresh token on every use");
        using (var works = await Edge.GetAsync(Probe, second.AccessToken))
        {
            Assert.That(works.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var reused = await RefreshAsync(first))
        {
            Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the used token comes back: refused");
            Edge.AssertNoStackTrace(await reused.Content.ReadAsStringAsync());
        }

        using var family = await RefreshAsync(second.RefreshToken!);
        Assert.That(family.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "and the rest of its family is revoked with it");
    }

    private static Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        StaffAccounts.SignInAsync(Edge.Shared, "/auth/refresh", new { refreshToken });

    private static async Task AssertDeniedAsync(string token)
    {
        using var inventory = SystemFixture.App.CreateInstanceClients(ResourceNames.Inventory)[1];
        using var atGateway = await Edge.GetAsync(Probe, token);
        using var me = await Edge.GetAsync("/auth/me", token);
        using var atService = await Edge.GetAsync(Probe, token, inventory);
        Assert.Multiple(() =>
        {
            Assert.That(atGateway.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "gateway route");
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "gateway's own API");
            Assert.That(atService.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "inventory itself");
        });
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }
}
