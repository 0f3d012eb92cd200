using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Synkro.ServiceDefaults.Grpc;

/// <summary>
/// A service's REST answers as gRPC errors with the same meaning, for gRPC methods that call the
/// REST handlers: the status code for the HTTP status, and google.rpc.Status details a client reads
/// without parsing text: ErrorInfo (reason from the problem's title in UPPER_SNAKE_CASE, its simple
/// extensions as metadata) and BadRequest field violations for validation errors. A service adds
/// details of its own (inventory's shortages) through <c>details</c>.
/// </summary>
public static class GrpcProblems
{
    public const string Domain = "synkro";

    /// <summary>The handler's answer, or the error it stands for.</summary>
    public static T ValueOf<T>(IResult result, StatusCode conflict = StatusCode.FailedPrecondition, Action<ProblemDetails, Google.Rpc.Status>? details = null) =>
        result is IValueHttpResult<T> { Value: { } value } ? value : throw From(result, conflict, details);

    public static RpcException From(IResult result, StatusCode conflict = StatusCode.FailedPrecondition, Action<ProblemDetails, Google.Rpc.Status>? details = null) => result switch
    {
        ValidationProblem invalid => Invalid(invalid.ProblemDetails.Errors),
        ProblemHttpResult problem => From(problem.ProblemDetails, conflict, details),
        _ => new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, $"Unexpected result {result.GetType().Name}.")),
    };

    public static RpcException Invalid(IDictionary<string, string[]> errors)
    {
        var request = new Google.Rpc.BadRequest();
        request.FieldViolations.AddRange(errors.SelectMany(e => e.Value.Select(message => new Google.Rpc.BadRequest.Types.FieldViolation { Field = e.Key, Description = message })));
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
            Details = { Any.Pack(request) },
        }.ToRpcException();
    }

    public static RpcException From(ProblemDetails problem, StatusCode conflict = StatusCode.FailedPrecondition, Action<ProblemDetails, Google.Rpc.Status>? details = null)
    {
        var code = problem.Status switch
        {
            StatusCodes.Status400BadRequest => StatusCode.InvalidArgument,
            StatusCodes.Status404NotFound => StatusCode.NotFound,
            StatusCodes.Status409Conflict => conflict,
            StatusCodes.Status422UnprocessableEntity => StatusCode.FailedPrecondition,
            StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
            _ => StatusCode.Internal,
        };
        var info = new ErrorInfo { Reason = Reason(problem.Title), Domain = Domain };
        foreach (var (key, value) in problem.Extensions)
        {
            if (value is string or Guid or int or long)
            {
                info.Metadata[key] = value.ToString();
            }
            else if (value is IEnumerable<string> values)
            {
                info.Metadata[key] = string.Join(",", values);
            }
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = problem.Detail ?? problem.Title ?? "", Details = { Any.Pack(info) } };
        details?.Invoke(problem, status);
        return status.ToRpcException();
    }

    /// <summary>"Insufficient stock" becomes INSUFFICIENT_STOCK, ErrorInfo's UPPER_SNAKE_CASE.</summary>
    private static string Reason(string? title) =>
        string.Join('_', (title ?? "error").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
