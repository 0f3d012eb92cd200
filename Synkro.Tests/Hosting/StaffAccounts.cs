using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Synkro.Tests.Hosting;

/// <summary>
/// Real accounts on a running Synkro, made the way an operator makes them: the first admin signs in
/// with the password the AppHost generated, creates a user per role through <c>/api/users</c>, and
/// each signs in through <c>/auth/login</c>. A 429 from the sign-in limit is waited out, as a client would.
/// </summary>
public sealed class StaffAccounts(SynkroApp app)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Account>>> byRole = new();

    public sealed record Account(Guid Id, string UserName, string Password, string Role, string AccessToken, string? RefreshToken);

    public HttpClient Gateway() => app.CreateHttpClient(ResourceNames.Gateway);

    /// <summary>One account per role for the whole run; its access token outlives the run (the test host sets the lifetime).</summary>
    public Task<Account> ForRoleAsync(string role) =>
        byRole.GetOrAdd(role, r => new Lazy<Task<Account>>(() => r == "admin-first" ? FirstAdminAsync() : CreateAsync(r))).Value;

    public async Task<string> AdminPasswordAsync()
    {
        var parameter = app.Resources.OfType<ParameterResource>().Single(p => p.Name == "admin-password");
        return (await parameter.GetValueAsync(CancellationToken.None))!;
    }

    /// <summary>A new account with a role; signed in once.</summary>
    public async Task<Account> CreateAsync(string role, string? userName = null)
    {
        var admin = await ForRoleAsync("admin-first");
        userName ??= $"t-{role}-{Guid.NewGuid():N}"[..24];
        var password = $"pw-{Guid.NewGuid():N}";
        using var http = Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { username = userName, email = $"{userName}@synkro.test", password, role }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        using var created = await http.SendAsync(request);
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        var tokens = await LoginAsync(userName, password);
        return new Account(id, userName, password, role, tokens.AccessToken, tokens.RefreshToken);
    }

    public async Task<Tokens> LoginAsync(string userName, string password)
    {
        using var http = Gateway();
        using var response = await SignInAsync(http, "/auth/login", new { username = userName, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"login {userName}: {body}");
        return JsonSerializer.Deserialize<Tokens>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>POSTs to a sign-in endpoint, waiting out the sign-in rate limit when other tests have used it up.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient http, string path, object body) =>
        WaitingOutSignInLimitAsync(http, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    /// <summary>Sends a fresh request from <paramref name="request"/> until it is not refused with 429 (ten tries, as Retry-After says).</summary>
    public static async Task<HttpResponseMessage> WaitingOutSignInLimitAsync(HttpClient http, Func<HttpRequestMessage> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = request();
            var response = await http.SendAsync(message);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 10)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    public sealed record Tokens(string AccessToken, string? RefreshToken, int ExpiresIn, string TokenType);

    private async Task<Account> FirstAdminAsync()
    {
        var password = await AdminPasswordAsync();
        var tokens = await LoginAsync("admin", password);
        return new Account(Guid.Empty, "admin", password, "admin", tokens.AccessToken, tokens.RefreshToken);
    }
}
