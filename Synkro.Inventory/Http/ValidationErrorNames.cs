using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Synkro.Inventory.Http;

/// <summary>
/// Validation reports member paths in C# casing ("Lines[0].Sku"); clients sent JSON ("lines[0].sku"),
/// so the "errors" keys are given back in the JSON's camelCase. Header names ("Idempotency-Key") stay.
/// </summary>
internal static partial class ValidationErrorNames
{
    public static void CamelCase(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is not HttpValidationProblemDetails validation)
        {
            return;
        }

        var renamed = validation.Errors.ToDictionary(e => e.Key.Contains('-') ? e.Key : Segment().Replace(e.Key, m => char.ToLowerInvariant(m.Value[0]) + m.Value[1..]), e => e.Value);
        validation.Errors.Clear();
        foreach (var (key, messages) in renamed)
        {
            validation.Errors[key] = messages;
        }
    }

    // A member name: at the start or after a dot.
    [GeneratedRegex(@"(?<=^|\.)[A-Z][A-Za-z0-9]*")]
    private static partial Regex Segment();
}
