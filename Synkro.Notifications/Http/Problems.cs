using Microsoft.AspNetCore.Http.HttpResults;

namespace Synkro.Notifications.Http;

/// <summary>The RFC 9457 problem details this API answers with, so titles stay consistent.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem($"There is no {what.ToLowerInvariant()} '{id}'.", statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    public static string OneOf(IEnumerable<string> allowed) => $"Must be one of: {string.Join(", ", allowed)}.";
}
