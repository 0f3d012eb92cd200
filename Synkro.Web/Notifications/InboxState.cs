using System.Net;
using Synkro.Web.Api;

namespace Synkro.Web.Notifications;

/// <summary>
/// The signed-in person's inbox as it is now, for the whole circuit: the bell in the app bar and the
/// notifications page both show it. It follows Notifications' inbox stream through the gateway, and
/// opens it again when it breaks off (a restart), waiting longer each time up to half a minute.
/// </summary>
public sealed partial class InboxState(EventStream streams, ILogger<InboxState> logger) : IAsyncDisposable
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource leaving = new();
    private Task? following;

    /// <summary>Null until the stream first answers.</summary>
    public InboxPage? Current { get; private set; }

    /// <summary>Raised off the renderer's thread: a component hands it to InvokeAsync.</summary>
    public event Action<InboxPage>? Changed;

    /// <summary>From the first interactive render on; a prerender has no circuit to push to.</summary>
    public void Start() => following ??= FollowAsync();

    private async Task FollowAsync()
    {
        var wait = FirstWait;
        while (!leaving.IsCancellationRequested)
        {
            try
            {
                await foreach (var page in streams.InboxAsync(leaving.Token))
                {
                    wait = FirstWait;
                    Current = page;
                    Changed?.Invoke(page);
                }
            }
            catch (ApiProblem refused) when (refused.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                // Signed out, or a role without an inbox: asking again would be refused again.
                return;
            }
            catch (Exception broken) when (broken is ApiProblem or HttpRequestException or IOException)
            {
                LogBroken(logger, broken.Message, wait);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, leaving.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = wait * 2 < LongestWait ? wait * 2 : LongestWait;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await leaving.CancelAsync();
        if (following is not null)
        {
            await following;
        }

        leaving.Dispose();
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "The inbox stream broke off ({Reason}); opening it again in {Wait}")]
    private static partial void LogBroken(ILogger logger, string reason, TimeSpan wait);
}
