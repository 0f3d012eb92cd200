namespace Synkro.Notifications.Inbox;

/// <summary>These people's inboxes changed: a local message, so it is handled after the change commits.</summary>
public sealed record InboxChanged(Guid[] UserIds);

public static class InboxChangedHandler
{
    public static void Handle(InboxChanged changed, InboxFeed feed) => feed.Publish(changed.UserIds);
}
