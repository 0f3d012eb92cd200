using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Synkro.Security;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Security;

/// <summary>
/// The limits hold for the system, not per process: both gateway replicas count in Redis. The test
/// host sets small windows (SystemFixture): 300 requests per user and 20 sign-ins per client IP per 10 s.
/// </summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class RateLimitTests
{
    private const int RequestPermits = 300;

    [Test]
    public async Task A_burst_over_the_limit_on_one_replica_gets_429_with_Retry_After_on_the_other_too()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        var replicas = SystemFixture.App.CreateInstanceClients(ResourceNames.Gateway);
        Assert.That(replicas, Has.Count.EqualTo(2), "the AppHost runs two gateway replicas");
        for (var attempt = 1; ; attempt++)
        {
            var (admitted, refused) = await BurstUntilRefusedAsync(replicas[0], account.AccessToken);
            using var other = await Edge.GetAsync("/auth/me", account.AccessToken, replicas[1]);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            if (other.StatusCode == HttpStatusCode.OK && retryAfter <= TimeSpan.FromSeconds(1) && attempt < 3)
            {
                continue; // the window turned between the two requests; try again in the next one
            }

            Assert.Multiple(() =>
            {
                Assert.That(admitted, Is.LessThanOrEqualTo(RequestPermits), "no more than the limit before the first 429");
                Assert.That(retryAfter, Is.Not.Null.And.GreaterThan(TimeSpan.Zero), "Retry-After on the 429");
                Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the other replica counts the same window");
                Assert.That(other.Headers.RetryAfter?.Delta, Is.Not.Null);
                Assert.That(other.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            });
            refused.Dispose();

            // Retry-After tells the truth: waiting that long gets the request admitted.
            await Task.Delay(retryAfter!.Value);
            using var after = await Edge.GetAsync("/auth/me", account.AccessToken, replicas[0]);
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"admitted after the {retryAfter} that Retry-After named");
            break;
        }

        replicas.ToList().ForEach(r => r.Dispose());
    }

    [Test]
    public async Task A_hundred_sign_ins_beyond_the_limit_are_refused_before_any_password_is_hashed()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        var gateways = SystemFixture.App.Instances(ResourceNames.Gateway).Select(i => i.Pid!.Value).ToList();
        TimeSpan Cpu() => gateways.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessTable.CpuTime(pid));
        var login = new { username = account.UserName, password = account.Password };

        for (var attempt = 1; ; attempt++)
        {
            // Use up the window's sign-ins with real logins (each one hashes), timing their CPU...
            var (hashed, refusedEarly, retryAfter) = (0, false, TimeSpan.FromSeconds(1));
            var cpu = Cpu();
            for (var i = 0; i < 40 && !refusedEarly; i++)
            {
                using var response = await Edge.SendAsync(HttpMethod.Post, "/auth/login", null, login);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    hashed++;
                }
                else
                {
                    Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
                    refusedEarly = true;
                    retryAfter = response.Headers.RetryAfter?.Delta ?? retryAfter;
                }
            }

            var hashingCpu = Cpu() - cpu;

            // ...then a hundred more in the same window, which must all be refused, and cheaply.
            cpu = Cpu();
            var burst = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            {
                using var response = await Edge.SendAsync(HttpMethod.Post, "/auth/login", null, login);
                return response.StatusCode;
            }));
            var refusingCpu = Cpu() - cpu;
            var refused = burst.Count(s => s == HttpStatusCode.TooManyRequests);
            if ((refused < 100 || hashed == 0) && attempt < 3)
            {
                // Other tests used up this window's sign-ins, or a window turned mid-burst: start over in a fresh one.
                await Task.Delay(retryAfter);
                continue;
            }

            var perHash = hashingCpu / Math.Max(hashed, 1);
            var perRefusal = refusingCpu / 100;
            TestContext.Out.WriteLine($"{hashed} admitted sign-ins: {perHash.TotalMilliseconds:0.0} ms CPU each; 100 refused: {perRefusal.TotalMilliseconds:0.00} ms CPU each (both gateway replicas)");
            Assert.Multiple(() =>
            {
                Assert.That(refused, Is.EqualTo(100), "every sign-in over the limit is refused");
                Assert.That(hashed, Is.GreaterThan(0));
                Assert.That(perRefusal, Is.LessThan(perHash / 10), "a refusal costs a small fraction of a password hash");
            });
            await Task.Delay(retryAfter); // leave the next test a fresh sign-in window (see Edge.WaitOutAsync)
            break;
        }
    }

    /// <summary>
    /// Notifications asks the directory for every alert; held to a caller's budget it would cap the
    /// alerts the whole system sends. Its token (the synkro.directory scope) is not counted; an admin
    /// asking the same is.
    /// </summary>
    [Test]
    public async Task Notifications_directory_lookups_are_not_held_to_a_callers_budget()
    {
        const string path = "/api/users/recipients?role=viewer&limit=1";
        var secret = await SystemFixture.App.Resources.OfType<ParameterResource>().Single(p => p.Name == "notifications-client-secret").GetValueAsync(CancellationToken.None);
        using var issued = await Edge.Shared.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "synkro-notifications",
            ["client_secret"] = secret!,
        }));
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK), await issued.Content.ReadAsStringAsync());
        var service = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var statuses = new List<HttpStatusCode>();
        // Twice the budget and more: however a window turns during the burst, one of them would overflow.
        for (var batch = 0; batch < (2 * RequestPermits / 16) + 5; batch++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Edge.GetAsync(path, service)));
            statuses.AddRange(responses.Select(r => r.StatusCode));
            responses.ToList().ForEach(r => r.Dispose());
        }

        var admin = await SystemFixture.Accounts.CreateAsync(Roles.Admin);
        var (admitted, refused) = await BurstUntilRefusedAsync(Edge.Shared, admin.AccessToken, path);
        refused.Dispose();
        Assert.That(statuses, Has.Count.GreaterThan(2 * RequestPermits).And.All.EqualTo(HttpStatusCode.OK), "Notifications' lookups, over twice a caller's budget, all answered");
        Assert.That(admitted, Is.LessThanOrEqualTo(RequestPermits), "an admin asking the same is counted");
    }

    private static async Task<(int Admitted, HttpResponseMessage Refused)> BurstUntilRefusedAsync(HttpClient replica, string token, string path = "/auth/me")
    {
        var admitted = 0;
        while (true)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Edge.GetAsync(path, token, replica)));
            admitted += responses.Count(r => r.StatusCode == HttpStatusCode.OK);
            var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            foreach (var response in responses.Where(r => r != refused))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.TooManyRequests));
                response.Dispose();
            }

            if (refused is not null)
            {
                return (admitted, refused);
            }

            Assert.That(admitted, Is.LessThan(RequestPermits * 3), "no 429 at all");
        }
    }
}
