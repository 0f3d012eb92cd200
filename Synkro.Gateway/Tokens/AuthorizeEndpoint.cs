using System.Net;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Synkro.Gateway.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Synkro.Gateway.Tokens;

/// <summary>
/// <c>/connect/authorize</c>, the authorization-code flow with PKCE that the staff UI signs in with.
/// OpenIddict has already checked the client, its redirect URI and the code challenge. A GET answers
/// the sign-in page; the page posts the same request back with a username and password, and a good
/// pair is answered with a redirect carrying the code. There is no sign-in cookie: each authorization
/// asks for the password, so there is no session at the gateway to steal or to forget to end.
/// </summary>
public static class AuthorizeEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync)
            .ExcludeFromDescription()
            .DisableAntiforgery()
            .RequireRateLimiting(Edge.RateLimits.SignIn);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        UserManager<SynkroUser> users,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return Page(request, error: null);
        }

        var (user, error) = await PasswordSignIn.CheckAsync(users, request.Username, request.Password);
        if (user is null)
        {
            return Page(request, error);
        }

        var principal = await PasswordSignIn.StartSessionAsync(user, request.ClientId!, request.GetScopes(), applications, authorizations);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The sign-in form: the authorization request's own parameters travel along as hidden fields.</summary>
    private static IResult Page(OpenIddictRequest request, string? error)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is not (Parameters.Username or Parameters.Password))
            {
                hidden.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                    .Append("\" value=\"").Append(WebUtility.HtmlEncode((string?)value)).Append("\">");
            }
        }

        var message = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in to Synkro</title></head>
            <body><main><h1>Sign in to Synkro</h1>{message}
            <form method="post" action="/connect/authorize">{hidden}
            <label>Username <input name="username" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button></form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }
}
