using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Synkro.Inventory.Stock;

namespace Synkro.Inventory.Http;

/// <summary>
/// Turns the exceptions that mean "bad input" or "conflicting state" into 400 and 409 problem
/// details instead of a 500: a body that is not valid JSON, a stock rule a change would break,
/// and the database's own CHECK and unique constraints (the backstop behind the code's checks).
/// </summary>
internal sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
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
            StockRuleViolation rule => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Not enough stock",
                Detail = rule.Message,
                Extensions = { ["sku"] = rule.Sku, ["warehouseId"] = rule.WarehouseId },
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.CheckViolation } check } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The change would break a stock rule",
                Detail = $"The database refused it ({check.ConstraintName}).",
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Already exists",
                Detail = $"Another record has the same key ({unique.ConstraintName}).",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
