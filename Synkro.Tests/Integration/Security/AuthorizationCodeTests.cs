using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Synkro.Security;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Integration.Security;

/// <summary>The staff UI's sign-in: authorization code with PKCE at /connect/authorize, as a browser and the UI would drive it.</summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class AuthorizationCodeTests
{
    private const string Client = "synkro-web";

    [Test]
    public async Task The_code_flow_with_PKCE_signs_a_user_in_and_the_code_needs_its_verifier()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        using var http = Browser();
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

        using (var page = await http.GetAsync(AuthorizeUri(Challenge(verifier))))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain("<form method=\"post\" action=\"/connect/authorize\">").And.Contain("name=\"code_challenge\""));
        }

        var code = await SignInAsync(http, Challenge(verifier), account.UserName, account.Password);
        using var tokens = await RedeemAsync(http, code, verifier);
        var body = await tokens.Content.ReadAsStringAsync();
        Assert.That(tokens.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.That(json.TryGetProperty("refresh_token", out _), Is.True, "offline_access gives the UI a refresh token");
        using var me = await Edge.GetAsync("/auth/me", json.GetProperty("access_token").GetString());
        Assert.That((await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString(), Is.EqualTo(Roles.Clerk));

        using var again = await RedeemAsync(http, code, verifier);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a code is redeemed once");

        var other = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var stolen = await SignInAsync(http, Challenge(other), account.UserName, account.Password);
        using var withoutVerifier = await RedeemAsync(http, stolen, verifier);
        Assert.That(await withoutVerifier.Content.ReadAsStringAsync(), Does.Contain("invalid_grant"), "a code without its own verifier is refused");
    }

    [Test]
    public async Task A_wrong_password_shows_the_page_again_and_gives_no_code()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        using var http = Browser();
        using var response = await PostFormAsync(http, Challenge(Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))), account.UserName, "not-the-password-at-all");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(html, Does.Contain("role=\"alert\"").And.Contain("<form"));
            Assert.That(response.Headers.Location, Is.Null);
        });
    }

    [Test]
    public async Task With_the_sign_in_window_used_up_the_form_still_shows_and_a_code_is_still_redeemed()
    {
        // The staff UI redeems every staff member's code from one address: only password attempts may count.
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Viewer);
        using var http = Browser();
        for (var attempt = 1; ; attempt++)
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            var code = await SignInAsync(http, Challenge(verifier), account.UserName, account.Password);
            for (var i = 0; i < 100; i++)
            {
                // An empty login is refused after the limiter has counted it, and hashes nothing.
                using var empty = await Edge.SendAsync(HttpMethod.Post, "/auth/login", null, new { });
                if (empty.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    break;
                }
            }

            using var form = await http.GetAsync(AuthorizeUri(Challenge(verifier)));
            using var tokens = await RedeemAsync(http, code, verifier);
            using var login = await Edge.SendAsync(HttpMethod.Post, "/auth/login", null, new { username = account.UserName, password = account.Password });
            if (login.StatusCode != HttpStatusCode.TooManyRequests && attempt < 3)
            {
                continue; // the window turned mid-test; use up the next one
            }

            Assert.Multiple(() =>
            {
                Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the window is used up");
                Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK), "showing the form guesses nothing");
                Assert.That(tokens.StatusCode, Is.EqualTo(HttpStatusCode.OK), "redeeming a code guesses nothing");
            });
            await Edge.WaitOutAsync(login);
            break;
        }
    }

    [Test]
    public async Task Requests_without_PKCE_or_to_a_foreign_redirect_are_refused()
    {
        using var http = Browser();
        using var noChallenge = await http.GetAsync(AuthorizeUri(challenge: null));
        Assert.That(noChallenge.Headers.Location?.Query ?? await noChallenge.Content.ReadAsStringAsync(), Does.Contain("invalid_request"), "PKCE is required");

        using var foreign = await http.GetAsync(AuthorizeUri(Challenge("x"), redirect: "https://attacker.example/cb"));
        Assert.Multiple(() =>
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an unregistered redirect is not followed");
            Assert.That(foreign.Headers.Location, Is.Null);
        });
    }

    private static string RedirectUri => new Uri(SystemFixture.App.CreateHttpClient(ResourceNames.Web).BaseAddress!, "/signin-oidc").ToString();

    /// <summary>A browser that shows redirects instead of following them.</summary>
    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Edge.Shared.BaseAddress };

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static Dictionary<string, string?> Parameters(string? challenge, string? redirect = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = Client,
            ["response_type"] = "code",
            ["redirect_uri"] = redirect ?? RedirectUri,
            ["scope"] = "offline_access",
            ["state"] = "state-123",
        };
        if (challenge is not null)
        {
            parameters["code_challenge"] = challenge;
            parameters["code_challenge_method"] = "S256";
        }

        return parameters;
    }

    private static string AuthorizeUri(string? challenge, string? redirect = null) => QueryHelpers.AddQueryString("/connect/authorize", Parameters(challenge, redirect));

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient http, string challenge, string userName, string password)
    {
        var form = Parameters(challenge);
        form["username"] = userName;
        form["password"] = password;
        return StaffAccounts.WaitingOutSignInLimitAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/connect/authorize") { Content = new FormUrlEncodedContent(form!) });
    }

    private static async Task<string> SignInAsync(HttpClient http, string challenge, string userName, string password)
    {
        using var response = await PostFormAsync(http, challenge, userName, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found), await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(RedirectUri), "back to the UI only");
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.That(query["state"].ToString(), Is.EqualTo("state-123"));
        return query["code"].ToString();
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient http, string code, string verifier) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = Client,
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = RedirectUri,
        }));
}
