using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Synkro.Protos.Inventory.V1;

namespace Synkro.Tests.Integration.Inventory;

/// <summary>Inventory's gRPC API as another service calls it: h2c on its "grpc" endpoint, a bearer token per call.</summary>
internal sealed class InventoryGrpc : IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(SystemFixture.App.GetEndpoint(ResourceNames.Inventory, "grpc"));

    private InventoryGrpc(string? token)
    {
        Client = new InventoryService.InventoryServiceClient(channel);
        Headers = token is null ? [] : new Metadata { { "Authorization", $"Bearer {token}" } };
    }

    public InventoryService.InventoryServiceClient Client { get; }

    /// <summary>Pass as <c>headers:</c> on every call.</summary>
    public Metadata Headers { get; }

    public static async Task<InventoryGrpc> ForRoleAsync(string? role) =>
        new(role is null ? null : (await SystemFixture.Accounts.ForRoleAsync(role)).AccessToken);

    /// <summary>The call's failure, with google.rpc.Status read from its trailers.</summary>
    public static async Task<(RpcException Error, Google.Rpc.Status? Status)> FailureOfAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException error)
        {
            return (error, error.GetRpcStatus());
        }

        throw new AssertionException("The call succeeded; it should have failed.");
    }

    public static ErrorInfo? Info(Google.Rpc.Status? status) => status?.GetDetail<ErrorInfo>();

    public void Dispose() => channel.Dispose();
}
