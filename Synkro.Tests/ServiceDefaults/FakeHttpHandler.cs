using System.Collections.Concurrent;
using System.Net;

namespace Synkro.Tests.ServiceDefaults;

/// <summary>The network, as far as a handler pipeline can tell: records every attempt and answers from a script.</summary>
internal sealed class FakeHttpHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri Uri)> attempts = new();
    private readonly ConcurrentQueue<HttpResponseMessage> responses = new();

    public FakeHttpHandler(HttpStatusCode status) : this((_, _) => new HttpResponseMessage(status))
    {
    }

    public IReadOnlyList<(HttpMethod Method, Uri Uri)> Attempts => [.. attempts];

    public IReadOnlyList<HttpResponseMessage> Responses => [.. responses];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        attempts.Enqueue((request.Method, request.RequestUri!));
        var response = respond(request, attempts.Count);
        response.RequestMessage = request;
        responses.Enqueue(response);
        return Task.FromResult(response);
    }
}
