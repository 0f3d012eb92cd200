using Grpc.Core;
using Grpc.Core.Interceptors;
using Synkro.Logistics.Http;
using Synkro.ServiceDefaults.Grpc;

namespace Synkro.Logistics.Grpc;

/// <summary>The exceptions REST answers as 409 or 503 (LogisticsExceptionProblems), as the matching gRPC errors.</summary>
internal sealed class GrpcExceptions : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (LogisticsExceptionProblems.For(e) is { } problem)
        {
            throw GrpcProblems.From(problem);
        }
    }
}
