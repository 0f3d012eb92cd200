using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Synkro.Protos.Inventory.V1;
using Synkro.ServiceDefaults.Grpc;

namespace Synkro.Inventory.Grpc;

/// <summary>
/// Inventory's answers as gRPC errors (ServiceDefaults' GrpcProblems), plus the detail only
/// inventory has: InsufficientStock, with the shortages a refused reservation lists.
/// </summary>
internal static class GrpcErrors
{
    public static T ValueOf<T>(IResult result, StatusCode conflict = StatusCode.FailedPrecondition) => GrpcProblems.ValueOf<T>(result, conflict, Shortages);

    public static RpcException From(ProblemDetails problem) => GrpcProblems.From(problem, details: Shortages);

    public static RpcException Invalid(IDictionary<string, string[]> errors) => GrpcProblems.Invalid(errors);

    private static void Shortages(ProblemDetails problem, Google.Rpc.Status status)
    {
        if (problem.Extensions.TryGetValue("shortages", out var listed) && listed is IEnumerable<Reservations.Shortage> shortages)
        {
            status.Details.Add(Any.Pack(new InsufficientStock
            {
                Shortages = { shortages.Select(s => new Protos.Inventory.V1.Shortage { Sku = s.Sku, Requested = s.Requested, Available = s.Available }) },
            }));
        }
    }
}
