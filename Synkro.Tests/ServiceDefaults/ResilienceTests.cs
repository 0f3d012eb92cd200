using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.ServiceDefaults;

[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("ServiceDefaults")]
public sealed class ResilienceTests
{
    private const string Url = "http://127.0.0.1:5999/api/items";

    [Test]
    public async Task A_GET_answered_503_is_retried_three_times_and_failed_responses_are_disposed()
    {
        var contents = new List<TrackedContent>();
        var network = new FakeHttpHandler((_, _) =>
        {
            var content = new TrackedContent();
            contents.Add(content);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = content };
        });
        using var services = HttpPipeline.Create(network);
        using var client = services.CreateClient();

        using var response = await client.GetAsync(Url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(network.Attempts, Has.Count.EqualTo(4));
        Assert.That(contents.Select(c => c.IsDisposed), Is.EqualTo(new[] { true, true, true, false }), "responses dropped for a retry are disposed, the last one is the caller's");
    }

    [Test]
    public async Task A_POST_answered_503_is_not_retried()
    {
        var network = new FakeHttpHandler(HttpStatusCode.ServiceUnavailable);
        using var services = HttpPipeline.Create(network);
        using var client = services.CreateClient();

        using var response = await client.PostAsJsonAsync(Url, new { Sku = "A-1" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(network.Attempts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_POST_with_an_Idempotency_Key_is_retried_and_its_content_is_sent_again()
    {
        var bodies = new List<string>();
        var network = new FakeHttpHandler((request, attempt) =>
        {
            bodies.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return new HttpResponseMessage(attempt < 3 ? HttpStatusCode.TooManyRequests : HttpStatusCode.Created);
        });
        using var services = HttpPipeline.Create(network);
        using var client = services.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(new { Sku = "A-1" }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(bodies, Has.Count.EqualTo(3).And.All.EqualTo("{\"sku\":\"A-1\"}"));
    }

    [Test]
    public async Task A_POST_whose_connection_was_refused_is_retried()
    {
        var network = new FakeHttpHandler((_, attempt) => attempt == 1
            ? throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused))
            : new HttpResponseMessage(HttpStatusCode.Created));
        using var services = HttpPipeline.Create(network);
        using var client = services.CreateClient();

        using var response = await client.PostAsJsonAsync(Url, new { Sku = "A-1" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(network.Attempts, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_real_refused_connection_has_the_shape_the_retry_predicate_expects()
    {
        var attempts = 0;
        using var services = HttpPipeline.Create(() => new CountingHandler(() => Interlocked.Increment(ref attempts)) { InnerHandler = new SocketsHttpHandler() });
        using var client = services.CreateClient();

        Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsJsonAsync($"http://127.0.0.1:{FreePorts.Next()}/api/items", new { Sku = "A-1" }));

        Assert.That(attempts, Is.EqualTo(4), "refused before anything was sent, so even a POST is retried");
    }

    [Test]
    public async Task A_client_error_is_not_retried()
    {
        var network = new FakeHttpHandler(HttpStatusCode.BadRequest);
        using var services = HttpPipeline.Create(network);
        using var client = services.CreateClient();

        using var response = await client.GetAsync(Url);

        Assert.That(network.Attempts, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_hung_attempt_times_out_and_is_retried()
    {
        var attempts = 0;
        using var services = HttpPipeline.Create(() => new HangingHandler(() => Interlocked.Increment(ref attempts)), adjust: options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(50);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });
        using var client = services.CreateClient();

        Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync(Url));

        Assert.That(attempts, Is.EqualTo(4));
    }

    [Test]
    public void The_total_timeout_caps_every_attempt_and_delay_together()
    {
        var attempts = 0;
        using var services = HttpPipeline.Create(() => new HangingHandler(() => Interlocked.Increment(ref attempts)), adjust: options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(200);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromMilliseconds(300);
        });
        using var client = services.CreateClient();

        Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync(Url));

        Assert.That(attempts, Is.EqualTo(2), "the second attempt is cut short by the total budget");
    }

    [Test]
    public async Task A_destination_that_keeps_failing_opens_the_circuit_and_calls_stop_reaching_it()
    {
        var network = new FakeHttpHandler(HttpStatusCode.InternalServerError);
        using var services = HttpPipeline.Create(network, adjust: options =>
        {
            options.Retry.MaxRetryAttempts = 1;
            options.CircuitBreaker.MinimumThroughput = 4;
            options.CircuitBreaker.FailureRatio = 0.5;
        });
        using var client = services.CreateClient();

        using (await client.GetAsync(Url))
        {
        }

        using (await client.GetAsync(Url))
        {
        }

        var sent = network.Attempts.Count;
        Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(Url));
        Assert.That(network.Attempts, Has.Count.EqualTo(sent), "an open circuit answers without touching the network");
    }

    [Test]
    public async Task RemoveAllResilienceHandlers_takes_the_defaults_off_one_client()
    {
        var network = new FakeHttpHandler(HttpStatusCode.ServiceUnavailable);
        using var services = HttpPipeline.Create(network, configureServices: services =>
        {
#pragma warning disable EXTEXP0001 // the library's (experimental) way, as Synkro.Web's gateway probe uses it
            services.AddHttpClient("probe").RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        });
        using var retried = services.CreateClient();
        using var probe = services.CreateClient("probe");

        using (await retried.GetAsync(Url))
        {
        }

        var beforeProbe = network.Attempts.Count;
        using var response = await probe.GetAsync(Url);

        Assert.That(beforeProbe, Is.EqualTo(4), "other clients keep their retries");
        Assert.That(network.Attempts.Count - beforeProbe, Is.EqualTo(1));
    }

    private sealed class TrackedContent() : ByteArrayContent([])
    {
        public bool IsDisposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }
    }


    private sealed class CountingHandler(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class HangingHandler(Action count) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
        }
    }
}
