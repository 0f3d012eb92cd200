namespace Synkro.Web.Api;

// The web app's own copies of what Notifications answers.

public sealed record InboxItem(Guid Id, string Kind, string Title, string Text, DateTimeOffset At, DateTimeOffset? ReadAt);

/// <summary>A page of the inbox (newest first) and how many are unread in all.</summary>
public sealed record InboxPage(int Unread, IReadOnlyList<InboxItem> Items, Guid? NextBefore);
