using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Synkro.Security;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Security;

/// <summary>What the gateway does to every request and response: size limits, problem details, headers, CORS.</summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class EdgeTests
{
    private static readonly string Huge = $$"""{"username":"{{new string('x', 2 * 1024 * 1024)}}","email":"a@b.c","password":"p"}""";

    [TestCase("/auth/register", false)]
    [TestCase("/api/inventory/items", true)]
    public async Task A_body_over_one_MiB_gets_413_problem_details(string path, bool withToken)
    {
        var token = withToken ? (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Huge, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Edge.Shared.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), body);
        Edge.AssertNoStackTrace(body);
    }

    [Test]
    public async Task Registration_makes_a_customer_whatever_role_the_body_asks_for()
    {
        var name = $"reg-{Guid.NewGuid():N}"[..20];
        var password = $"pw-{Guid.NewGuid():N}";
        using var registered = await StaffAccounts.SignInAsync(Edge.Shared, "/auth/register", new { username = name, email = $"{name}@synkro.test", password, role = Roles.Admin, isActive = true });
        var body = await registered.Content.ReadAsStringAsync();
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("role").GetString(), Is.EqualTo(Roles.Customer));

        var tokens = await SystemFixture.Accounts.LoginAsync(name, password);
        Assert.That(ForgedTokens.Payload(tokens.AccessToken)["role"]!.GetValue<string>(), Is.EqualTo(Roles.Customer));
        using var users = await Edge.GetAsync("/api/users", tokens.AccessToken);
        Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("/auth/login", false)]
    [TestCase("/auth/register", false)]
    [TestCase("/api/inventory/items", true)]
    [TestCase("/api/users", true)]
    public async Task Malformed_JSON_gets_400_problem_details_without_a_stack_trace(string path, bool withToken)
    {
        var token = withToken ? (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"username": "x", """, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await StaffAccountsRetry(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        });
        Edge.AssertNoStackTrace(body);
    }

    [Test]
    public async Task Every_response_carries_the_trace_id_and_the_hardening_headers()
    {
        using var ok = await Edge.GetAsync("/api/inventory/items?limit=1", (await SystemFixture.Accounts.ForRoleAsync(Roles.Viewer)).AccessToken);
        using var unauthorized = await Edge.GetAsync("/api/inventory/items", null);
        using var notFound = await Edge.GetAsync("/no/such/path", null);
        foreach (var response in new[] { ok, unauthorized, notFound })
        {
            var what = $"{(int)response.StatusCode} {response.RequestMessage!.RequestUri!.AbsolutePath}";
            Assert.Multiple(() =>
            {
                Assert.That(response.Headers.GetValues("X-Trace-Id").Single(), Does.Match("^[0-9a-f]{32}$"), what);
                Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), what);
                Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"), what);
            });
        }

        Assert.That(notFound.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Only_the_staff_UI_origin_passes_CORS()
    {
        var web = DistributedApplicationHostingTestingExtensions.GetEndpoint(SystemFixture.App.App, ResourceNames.Web, "http").GetLeftPart(UriPartial.Authority);
        foreach (var (origin, allowed) in new[] { (web, true), ("http://evil.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/inventory/items");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
            using var response = await Edge.Shared.SendAsync(preflight);
            var allowOrigin = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
            Assert.That(allowOrigin, allowed ? Is.EqualTo(origin) : Is.Null, origin);
        }
    }

    [Test]
    public async Task The_API_reference_lists_every_service_document()
    {
        using var reference = await Edge.GetAsync("/scalar", null);
        using var inventory = await Edge.GetAsync("/openapi/inventory.json", null);
        using var gateway = await Edge.GetAsync("/openapi/gateway.json", null);
        Assert.Multiple(() =>
        {
            Assert.That(reference.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(inventory.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(gateway.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        var paths = JsonDocument.Parse(await inventory.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.That(paths.TryGetProperty("/api/inventory/items", out _), Is.True, "the inventory document, through the gateway");
        var own = JsonDocument.Parse(await gateway.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.That(own.TryGetProperty("/auth/login", out _), Is.True, "the gateway's own document");
    }

    /// <summary>Sign-in endpoints share a small per-IP budget with the other tests; a 429 is waited out.</summary>
    private static async Task<HttpResponseMessage> StaffAccountsRetry(HttpRequestMessage request)
    {
        var content = await request.Content!.ReadAsStringAsync();
        return await StaffAccounts.WaitingOutSignInLimitAsync(Edge.Shared, () =>
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new StringContent(content, Encoding.UTF8, "application/json") };
            copy.Headers.Authorization = request.Headers.Authorization;
            return copy;
        });
    }
}
