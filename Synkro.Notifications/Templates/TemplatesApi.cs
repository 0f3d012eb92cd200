using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Notifications.Alerts;
using Synkro.Notifications.Data;
using Synkro.Notifications.Http;
using Synkro.Notifications.Security;

namespace Synkro.Notifications.Templates;

/// <summary>
/// Templates, one per kind and channel: read by admins, replaced by an admin (checked to parse
/// first; each save a new version), reset to the built-in words, and previewed with example values
/// before saving.
/// </summary>
public static class TemplatesApi
{
    public sealed record SaveTemplateRequest(
        [property: Required, StringLength(TemplateLimits.Subject, MinimumLength = 1)] string? Subject,
        [property: Required, StringLength(TemplateLimits.Body, MinimumLength = 1)] string? Text,
        [property: Required, StringLength(TemplateLimits.Body, MinimumLength = 1)] string? Html);

    public sealed record TemplateResponse(string EventKind, string Channel, string Subject, string Text, string Html, int Version, string UpdatedBy, DateTimeOffset UpdatedAt)
    {
        public static TemplateResponse From(NotificationTemplate t) => new(t.EventKind, t.Channel, t.Subject, t.Text, t.Html, t.Version, t.UpdatedBy, t.UpdatedAt);
    }

    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/notifications/templates").WithTags("Templates").RequireAuthorization(NotificationsPolicies.Administer);
        templates.MapGet("", ListAsync).WithName("ListTemplates");
        templates.MapGet("/{kind}/{channel}", GetAsync).WithName("GetTemplate");
        templates.MapPut("/{kind}/{channel}", SaveAsync).WithName("SaveTemplate");
        templates.MapDelete("/{kind}/{channel}", ResetAsync).WithName("ResetTemplate");
        templates.MapPost("/{kind}/{channel}/preview", PreviewAsync).WithName("PreviewTemplate");
        return app;
    }

    private static async Task<Ok<List<TemplateResponse>>> ListAsync(TemplateStore store, CancellationToken cancellationToken)
    {
        var all = new List<TemplateResponse>();
        foreach (var (kind, channel) in DefaultTemplates.Keys)
        {
            all.Add(TemplateResponse.From(await store.GetAsync(kind, channel, cancellationToken)));
        }

        return TypedResults.Ok(all);
    }

    private static async Task<Results<Ok<TemplateResponse>, ValidationProblem>> GetAsync(string kind, string channel, TemplateStore store, CancellationToken cancellationToken) =>
        Unknown(kind, channel) is { } invalid ? invalid : TypedResults.Ok(TemplateResponse.From(await store.GetAsync(kind, channel, cancellationToken)));

    private static async Task<Results<Ok<TemplateResponse>, ValidationProblem>> SaveAsync(
        string kind, string channel, SaveTemplateRequest request, NotificationsDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Unknown(kind, channel) is { } invalid)
        {
            return invalid;
        }

        var edited = new NotificationTemplate { EventKind = kind, Channel = channel, Subject = request.Subject!, Text = request.Text!, Html = request.Html!, UpdatedBy = user.Actor(), UpdatedAt = clock.GetUtcNow() };
        if (TemplateRenderer.Check(edited) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        if (await db.Templates.SingleOrDefaultAsync(t => t.EventKind == kind && t.Channel == channel, cancellationToken) is { } saved)
        {
            (saved.Subject, saved.Text, saved.Html, saved.UpdatedBy, saved.UpdatedAt) = (edited.Subject, edited.Text, edited.Html, edited.UpdatedBy, edited.UpdatedAt);
            saved.Version++;
            edited = saved;
        }
        else
        {
            edited.Version = 1;
            db.Templates.Add(edited);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TemplateResponse.From(edited));
    }

    private static async Task<Results<NoContent, ValidationProblem>> ResetAsync(string kind, string channel, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (Unknown(kind, channel) is { } invalid)
        {
            return invalid;
        }

        await db.Templates.Where(t => t.EventKind == kind && t.Channel == channel).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The template given (or, with no body, the one in force) rendered with example values.</summary>
    private static async Task<Results<Ok<RenderedMessage>, ValidationProblem>> PreviewAsync(
        string kind, string channel, SaveTemplateRequest? request, TemplateStore store, TemplateRenderer renderer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Unknown(kind, channel) is { } invalid)
        {
            return invalid;
        }

        var template = request is { Subject: not null, Text: not null, Html: not null }
            ? new NotificationTemplate { EventKind = kind, Channel = channel, Subject = request.Subject, Text = request.Text, Html = request.Html, UpdatedBy = user.Actor() }
            : await store.GetAsync(kind, channel, cancellationToken);
        var fields = DefaultTemplates.SampleAlert(kind).Fields();
        fields["recipient"] = new Dictionary<string, object?> { ["name"] = user.Actor(), ["email"] = "someone@example.com" };
        try
        {
            return TypedResults.Ok(await renderer.RenderAsync(template, fields));
        }
        catch (TemplateSyntaxException syntax)
        {
            return Problems.Invalid(syntax.Errors);
        }
    }

    private static ValidationProblem? Unknown(string kind, string channel) =>
        DefaultTemplates.Has(kind, channel) ? null
        : !DefaultTemplates.Keys.Any(k => k.Kind == kind) ? Problems.Invalid("kind", Problems.OneOf(DefaultTemplates.Keys.Select(k => k.Kind).Distinct()))
        : Problems.Invalid("channel", Problems.OneOf(DefaultTemplates.Keys.Where(k => k.Kind == kind).Select(k => k.Channel)));
}
