using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Synkro.ServiceDefaults.Http;

/// <summary>
/// A request the framework could not read (malformed JSON, a body over the size limit) answers with
/// its own status (400, 413) as problem details; in Development minimal APIs throw these, and without
/// this handler the exception handler would call them a 500.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            // A value the JSON reader refused (a NUL in a string, a number out of range): named like a validation error.
            BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: ['$', '.', .. var field] } json } => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [field] = [json.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.InnerException?.Message ?? bad.Message,
            },
            _ => null,
        };
        if (problem is null || context.Response.HasStarted)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
