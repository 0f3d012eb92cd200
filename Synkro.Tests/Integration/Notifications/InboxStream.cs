using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Synkro.Tests.Integration.Security;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>A person's inbox stream through the gateway, read as a browser would: each 'inbox' event as it comes.</summary>
internal sealed class InboxStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource closing = new();
    private readonly Channel<JsonElement> pages = Channel.CreateUnbounded<JsonElement>();
    private readonly Task reading;

    private InboxStream(HttpResponseMessage response)
    {
        this.response = response;
        reading = ReadAsync();
    }

    /// <summary>Every 'inbox' event so far, in order.</summary>
    public List<JsonElement> Seen { get; } = [];

    /// <summary>Open, and the first event (what the inbox holds now) read.</summary>
    public static async Task<InboxStream> OpenAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/inbox/updates");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await Edge.Shared.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var stream = new InboxStream(response);
        await stream.NextAsync(_ => true);
        return stream;
    }

    /// <summary>The first event from now on that satisfies <paramref name="until"/>.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> until)
    {
        using var deadline = Deadlines.Within(Deadlines.Eventually);
        try
        {
            while (true)
            {
                var page = await pages.Reader.ReadAsync(deadline.Token);
                if (until(page))
                {
                    return page;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.CurrentContext.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"No inbox event as expected within {Deadlines.Eventually}; the stream sent:\n{string.Join('\n', Seen)}");
            throw;
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"The inbox stream ended; it sent:\n{string.Join('\n', Seen)}");
            throw;
        }
    }

    public static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static IEnumerable<JsonElement> About(JsonElement page, string text) =>
        Items(page).Where(i => i.GetProperty("title").GetString()!.Contains(text, StringComparison.Ordinal));

    private async Task ReadAsync()
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(closing.Token);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(closing.Token))
            {
                if (item.EventType == "inbox")
                {
                    var page = JsonDocument.Parse(item.Data).RootElement.Clone();
                    Seen.Add(page);
                    pages.Writer.TryWrite(page);
                }
            }
        }
        catch (Exception ended) when (ended is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by the test, or the stream broke off: NextAsync says what was seen.
        }
        finally
        {
            pages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await reading;
        response.Dispose();
        closing.Dispose();
    }
}
