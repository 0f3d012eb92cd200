using System.Text.Encodings.Web;
using Fluid;

namespace Synkro.Notifications.Templates;

/// <summary>What a template says for one alert and recipient.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html, int TemplateVersion);

/// <summary>A template that does not parse, by part: the API answers it as a validation problem.</summary>
public sealed class TemplateSyntaxException(IReadOnlyDictionary<string, string[]> errors) : Exception("The template does not parse.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Liquid by Fluid: safe for templates admins write (no access to .NET members, only the values
/// given; a step limit stops a runaway loop). The HTML body is HTML-encoded, so a SKU or name with
/// markup in it shows as text; subject and plain text are not.
/// </summary>
public sealed class TemplateRenderer
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new TemplateOptionsBuilder().WithMaxSteps(10_000).WithMaxRecursion(10).WithMaxOutputSize(TemplateLimits.Body * 4).Build();

    public static IReadOnlyDictionary<string, string[]> Check(NotificationTemplate template)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (part, source) in Parts(template))
        {
            if (!Parser.TryParse(source, out _, out var error))
            {
                errors[part] = [error];
            }
        }

        return errors;
    }

    public async Task<RenderedMessage> RenderAsync(NotificationTemplate template, IReadOnlyDictionary<string, object?> fields)
    {
        var parsed = new Dictionary<string, IFluidTemplate>();
        foreach (var (part, source) in Parts(template))
        {
            parsed[part] = Parser.TryParse(source, out var fluid, out var error)
                ? fluid
                : throw new TemplateSyntaxException(new Dictionary<string, string[]> { [part] = [error] });
        }

        var context = new TemplateContext(Options, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            context.SetValue(name, value ?? "");
        }

        return new RenderedMessage(
            (await parsed["subject"].RenderAsync(context, NullEncoder.Default)).Trim(),
            await parsed["text"].RenderAsync(context, NullEncoder.Default),
            await parsed["html"].RenderAsync(context, HtmlEncoder.Default),
            template.Version);
    }

    private static IEnumerable<(string Part, string Source)> Parts(NotificationTemplate template) =>
        [("subject", template.Subject), ("text", template.Text), ("html", template.Html)];
}
