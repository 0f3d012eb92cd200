using System.Net;
using System.Net.Sockets;

namespace Synkro.Tests.Hosting;

internal static class FreePorts
{
    /// <summary>
    /// A loopback port free now; another process could take it before ours binds it, which is rare
    /// enough locally. Nothing listens on it once returned, so it also serves as a port that refuses.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
