using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using Synkro.Notifications.Deliveries;

namespace Synkro.Notifications.Webhooks;

/// <summary>What one POST to a receiver came to: its status code if it answered, and why it failed if it did.</summary>
public sealed record WebhookOutcome(int? StatusCode, string? Error, TimeSpan Duration, bool Refused = false)
{
    public bool Accepted => StatusCode is >= 200 and < 300;
}

/// <summary>
/// POSTs a delivery's JSON body signed the Standard Webhooks way: headers <c>webhook-id</c> (the
/// delivery's id, the same on every retry, so a receiver can drop what it already has),
/// <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature</c>
/// (<c>v1,</c> and the base64 HMAC-SHA256 of "id.timestamp.body" under the endpoint's secret).
/// Its own HTTP client: no service discovery, no proxy, no redirects followed, no retries inside an
/// attempt (every attempt is logged), and connections only to addresses <see cref="WebhookTargets"/> allows.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient http;
    private readonly TimeProvider clock;

    public WebhookSender(WebhookTargets targets, IOptions<WebhookSettings> settings, TimeProvider clock)
    {
        this.clock = clock;
        http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = targets.ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = settings.Value.Timeout,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Synkro-Webhooks/1");
    }

    public async Task<WebhookOutcome> SendAsync(WebhookEndpoint endpoint, Delivery delivery, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var id = delivery.Id.ToString();
        var now = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Text, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(endpoint.Secret).Sign(id, now, delivery.Text));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var error = response.IsSuccessStatusCode ? null
                : status is >= 300 and < 400 ? $"Redirected to {response.Headers.Location}; webhook redirects are not followed."
                : $"The receiver answered {status} {response.ReasonPhrase}.";
            return new WebhookOutcome(status, error, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException failure) when (failure.InnerException is WebhookTargetRefusedException refused)
        {
            return new WebhookOutcome(null, refused.Message, Stopwatch.GetElapsedTime(started), Refused: true);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var why = failure is TaskCanceledException ? $"No answer within {http.Timeout.TotalSeconds:0} s." : failure.Message;
            return new WebhookOutcome(null, why, Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => http.Dispose();
}
