using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Synkro.Inventory.Stock;

namespace Synkro.Inventory.Http;

/// <summary>
/// Turns the exceptions that mean "conflicting state" into 409 problem details instead of a 500:
/// a stock rule a change would break, and the database's own CHECK and unique constraints (the
/// backstop behind the code's checks). Unreadable requests are ServiceDefaults' BadRequestProblems.
/// The gRPC API answers the same exceptions with the same problems (Grpc/GrpcExceptions).
/// </summary>
internal sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (For(exception) is not { } problem)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? For(Exception exception) =>
        exception switch
        {
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
}
