using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Synkro.Tests.Integration.Security;

/// <summary>Requests through the gateway, as an API client sends them: a bearer token or none.</summary>
internal static class Edge
{
    public static Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, HttpClient? via = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return (via ?? Shared).SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(string path, string? token, HttpClient? via = null) => SendAsync(HttpMethod.Get, path, token, via: via);

    /// <summary>
    /// A test that uses up the sign-in window waits it out before it ends, so the next test (which may
    /// post to a sign-in endpoint expecting some other answer) starts with the budget it expects.
    /// </summary>
    public static Task WaitOutAsync(HttpResponseMessage refused) => Task.Delay(refused.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));

    /// <summary>The gateway as the outside world reaches it (both replicas, behind one address).</summary>
    public static HttpClient Shared => shared ??= SystemFixture.Accounts.Gateway();

    /// <summary>An error body must explain, never show the server's insides.</summary>
    public static void AssertNoStackTrace(string body) => Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception").And.Not.Contain(".cs:line"));

    private static HttpClient? shared;
}
