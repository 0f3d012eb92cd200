using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Synkro.Logistics.Orders;
using Synkro.Logistics.Payments;

namespace Synkro.Logistics.Http;

/// <summary>
/// The exceptions an order action can meet, as problem details instead of a 500: a transition the
/// state machine forbids (409, with the states it may go to), a step that changed the order at the
/// same moment (409, try again), and Inventory or the payment provider not answering (503: nothing
/// was changed, the action may be repeated). The gRPC API answers the same (Grpc/GrpcExceptions).
/// </summary>
internal sealed class LogisticsExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
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
            IllegalTransition illegal => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Illegal status transition",
                Detail = illegal.Message,
                Extensions =
                {
                    ["status"] = illegal.From.ToString(),
                    ["allowed"] = OrderStateMachine.From(illegal.From).Select(s => s.ToString()).ToArray(),
                },
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Order changed meanwhile",
                Detail = "The order moved on while this request ran; read it again and retry if the action still applies.",
            },
            RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } or PaymentUnavailable => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A service the order needs is unavailable",
                Detail = "Inventory or the payment provider did not answer; nothing was changed. Try again shortly.",
            },
            _ => null,
        };
}
