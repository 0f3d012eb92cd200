namespace Synkro.ServiceDefaults.Discovery;

/// <summary>The replicas of one service for one scheme, handed out in turn.</summary>
internal sealed class ServiceEndpoints(IReadOnlyList<Uri> endpoints)
{
    private uint next = uint.MaxValue;

    public bool IsEmpty => endpoints.Count == 0;

    public Uri Next()
    {
        // Unsigned so that wrapping around after 4 billion requests keeps the index positive.
        var turn = Interlocked.Increment(ref next);
        return endpoints[(int)(turn % (uint)endpoints.Count)];
    }
}
