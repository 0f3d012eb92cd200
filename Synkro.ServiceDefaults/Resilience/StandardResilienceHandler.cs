using Polly;

namespace Synkro.ServiceDefaults.Resilience;

/// <summary>
/// Sends the same request message on every attempt. Content is not buffered here: string, byte
/// and JSON content serialize again on each attempt; a one-shot stream cannot be sent twice and
/// fails the retry with an InvalidOperationException, which is not retried.
/// </summary>
internal sealed class StandardResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResilienceOutcomes.RequestProperty, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
