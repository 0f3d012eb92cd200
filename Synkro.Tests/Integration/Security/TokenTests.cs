using System.Net;
using System.Text.Json.Nodes;
using Synkro.Security;

namespace Synkro.Tests.Integration.Security;

/// <summary>
/// Every way a token can be wrong gets 401, at the gateway and again at the service itself (inventory,
/// called directly, validates on its own); a correctly re-signed copy gets through, so each refusal
/// is for the defect it was made with.
/// </summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class TokenTests
{
    private static readonly string[] Paths = ["/api/inventory/items?limit=1"];

    public static IEnumerable<TestCaseData> Forgeries()
    {
        yield return new TestCaseData("no token", (Func<string, Task<string?>>)(_ => Task.FromResult<string?>(null)));
        yield return new TestCaseData("alg none", (Func<string, Task<string?>>)(t => Task.FromResult<string?>(ForgedTokens.Unsigned(t))));
        yield return new TestCaseData("HS256 with the public key", (Func<string, Task<string?>>)(async t => await ForgedTokens.HmacWithPublicKeyAsync(t)));
        yield return new TestCaseData("wrong issuer", Resigned(p => p["iss"] = "https://evil.example/"));
        yield return new TestCaseData("wrong audience", Resigned(p => p["aud"] = "some-other-api"));
        yield return new TestCaseData("expired", Resigned(p =>
        {
            (p["iat"], p["nbf"], p["exp"]) = (ForgedTokens.UnixNow(TimeSpan.FromMinutes(-20)), ForgedTokens.UnixNow(TimeSpan.FromMinutes(-20)), ForgedTokens.UnixNow(TimeSpan.FromMinutes(-2)));
        }));
        yield return new TestCaseData("not yet valid", Resigned(p =>
        {
            (p["iat"], p["nbf"], p["exp"]) = (ForgedTokens.UnixNow(TimeSpan.FromMinutes(5)), ForgedTokens.UnixNow(TimeSpan.FromMinutes(5)), ForgedTokens.UnixNow(TimeSpan.FromMinutes(15)));
        }));
        yield return new TestCaseData("without jti", Resigned(p => p.Remove("jti")));
        yield return new TestCaseData("tampered payload", (Func<string, Task<string?>>)(t => Task.FromResult<string?>(ForgedTokens.Tampered(t))));
        yield return new TestCaseData("unknown kid", (Func<string, Task<string?>>)(t => Task.FromResult<string?>(ForgedTokens.WithUnknownKey(t))));
    }

    [TestCaseSource(nameof(Forgeries))]
    public async Task A_bad_token_gets_401_at_the_gateway_and_at_the_service(string defect, Func<string, Task<string?>> forge)
    {
        var real = (await SystemFixture.Accounts.ForRoleAsync(Roles.Viewer)).AccessToken;
        var forged = await forge(real);
        await AssertStatusEverywhereAsync(forged, HttpStatusCode.Unauthorized, defect);
    }

    [Test]
    public async Task A_token_resigned_with_the_real_key_and_unchanged_claims_gets_through()
    {
        var real = (await SystemFixture.Accounts.ForRoleAsync(Roles.Viewer)).AccessToken;
        await AssertStatusEverywhereAsync(await ForgedTokens.ResignAsync(real, _ => { }), HttpStatusCode.OK, "re-signed control");
    }

    [Test]
    public async Task An_access_token_is_a_short_lived_ES256_JWT_with_kid_issuer_audience_subject_role_and_jti()
    {
        var account = await SystemFixture.Accounts.CreateAsync(Roles.Clerk);
        var header = JsonNode.Parse(ForgedTokens.Header(account.AccessToken))!;
        var payload = ForgedTokens.Payload(account.AccessToken);
        Assert.Multiple(() =>
        {
            Assert.That(header["alg"]!.GetValue<string>(), Is.EqualTo("ES256"));
            Assert.That(header["kid"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(payload["iss"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(payload["aud"]!.ToJsonString(), Does.Contain(TokenSettings.ApiAudience));
            Assert.That(payload["sub"]!.GetValue<string>(), Is.EqualTo(account.Id.ToString()));
            Assert.That(payload["role"]!.GetValue<string>(), Is.EqualTo(Roles.Clerk));
            Assert.That(payload["jti"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            // The test host asks for two-hour tokens; the production default is ten minutes (docs/identity.md).
            Assert.That(payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>(), Is.EqualTo(7200));
        });
    }

    [Test]
    public async Task The_discovery_document_publishes_the_signing_key_that_signs_the_tokens()
    {
        var token = (await SystemFixture.Accounts.ForRoleAsync(Roles.Viewer)).AccessToken;
        var kid = JsonNode.Parse(ForgedTokens.Header(token))!["kid"]!.GetValue<string>();
        using var discovery = await Edge.GetAsync("/.well-known/openid-configuration", null);
        var document = JsonNode.Parse(await discovery.Content.ReadAsStringAsync())!;
        using var jwks = await Edge.Shared.GetAsync(new Uri(document["jwks_uri"]!.GetValue<string>()).PathAndQuery);
        var keys = JsonNode.Parse(await jwks.Content.ReadAsStringAsync())!["keys"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(document["token_endpoint"]!.GetValue<string>(), Does.EndWith("/connect/token"));
            Assert.That(document["revocation_endpoint"]!.GetValue<string>(), Does.EndWith("/connect/revoke"));
            Assert.That(keys.Select(k => k!["kid"]!.GetValue<string>()), Does.Contain(kid));
            Assert.That(keys.All(k => k!["kty"]!.GetValue<string>() == "EC" && k["d"] is null), Is.True, "public EC keys only");
        });
    }

    private static Func<string, Task<string?>> Resigned(Action<JsonObject> change) => async t => await ForgedTokens.ResignAsync(t, change);

    private static async Task AssertStatusEverywhereAsync(string? token, HttpStatusCode expected, string defect)
    {
        using var inventory = SystemFixture.App.CreateInstanceClients(ResourceNames.Inventory)[0];
        foreach (var path in Paths)
        {
            using var atGateway = await Edge.GetAsync(path, token);
            using var atService = await Edge.GetAsync(path, token, inventory);
            var body = await atGateway.Content.ReadAsStringAsync();
            Assert.Multiple(() =>
            {
                Assert.That(atGateway.StatusCode, Is.EqualTo(expected), $"{defect}: gateway {path}: {body}");
                Assert.That(atService.StatusCode, Is.EqualTo(expected), $"{defect}: inventory {path}");
            });
            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.That(atGateway.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"), defect);
            }
        }
    }
}
