using Wolverine.Util;

namespace Synkro.ServiceDefaults.Messaging;

/// <summary>
/// Names integration events by their short type name on the wire (Wolverine's default is the full
/// name). The publisher's record and a consumer's copy live in different namespaces, and the name
/// is also the routing key consumers bind their queue with.
/// </summary>
internal sealed class IntegrationEventNaming : IMessageTypeNaming
{
    public bool TryDetermineName(Type messageType, out string messageTypeName)
    {
        messageTypeName = messageType.Name;
        return messageType.IsAssignableTo(typeof(IntegrationEvent));
    }
}
