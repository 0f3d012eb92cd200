using System.Diagnostics;
using Synkro.Tests.Messaging;

namespace Synkro.Tests.Integration.Messaging;

/// <summary>One trace follows an event from the HTTP request that committed it, through the outbox and the broker, into the consumer.</summary>
[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("Messaging")]
public sealed class TracePropagationTests
{
    [Test]
    public async Task One_trace_links_the_request_the_publish_and_the_consumers_work()
    {
        await using var probes = await ProbePair.StartAsync();
        var traceId = ActivityTraceId.CreateRandom().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/increments?key=traced&amount=3&count=1");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await probes.Publisher.Http.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True);

        var reading = await probes.Consumer.WaitForCounterAsync("traced", r => r.Receipts >= 1, TimeSpan.FromSeconds(60));
        Assert.That(reading.TraceIds, Is.EqualTo(new[] { traceId }), "the handler ran inside the request's trace");

        var publisher = $"{probes.Name}-publisher";
        var consumer = $"{probes.Name}-consumer";
        var deadline = Deadlines.In(Deadlines.Eventually);
        List<ExportedSpan> spans;
        do
        {
            await Task.Delay(250);
            spans = [.. SystemFixture.Telemetry.Received.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpTraces.Parse(r.Body)).Where(s => s.TraceId == traceId)];
        }
        while (!deadline.Passed && !(HasSpan(spans, publisher, SpanKind.Server) && HasSpan(spans, publisher, SpanKind.Producer) && spans.Any(s => IsHandling(s, consumer))));

        var description = string.Join("\n", spans.Select(s => $"{s.Service} {(SpanKind)s.Kind} {s.Name} {s.SpanId} <- {s.ParentSpanId}"));
        Assert.That(HasSpan(spans, publisher, SpanKind.Server), Is.True, "HTTP request span:\n" + description);
        Assert.That(HasSpan(spans, publisher, SpanKind.Producer), Is.True, "publish (send) span:\n" + description);
        Assert.That(spans.Any(s => IsHandling(s, consumer)), Is.True, "consumer's handling span:\n" + description);
        var received = spans.First(s => IsHandling(s, consumer));
        Assert.That(spans.Where(s => s.Service == publisher).Select(s => s.SpanId), Does.Contain(received.ParentSpanId), "the consumer's span continues a span of the publisher:\n" + description);
    }

    // Wolverine records the durable inbox's handling of a message as a span named after the message type.
    private static bool IsHandling(ExportedSpan span, string consumer) => span.Service == consumer && span.Name == "CounterIncremented";

    private static bool HasSpan(List<ExportedSpan> spans, string service, SpanKind kind) =>
        spans.Any(s => s.Service == service && s.Kind == (int)kind);

    // OTLP's SpanKind numbering (0 is unspecified), unlike System.Diagnostics.ActivityKind's.
    private enum SpanKind
    {
        Internal = 1,
        Server = 2,
        Client = 3,
        Producer = 4,
        Consumer = 5,
    }
}
