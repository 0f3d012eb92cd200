using System.Net;
using System.Net.Sockets;

namespace Synkro.Hosting.Orchestration;

/// <summary>Free loopback ports, all taken at once so no two resources are handed the same one.</summary>
internal static class PortAllocator
{
    public static int[] Allocate(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
