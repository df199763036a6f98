using System.Threading.Channels;
using LimeCall.Sdk.Client;

namespace LimeCall.CallbackWorker1;

/// <summary>The callbacks to ask for: stands in for your queue consumer, web form or CRM trigger.</summary>
public sealed class CallbackQueue
{
    private readonly Channel<CallbackRequest> _requests = Channel.CreateUnbounded<CallbackRequest>();

    public ChannelReader<CallbackRequest> Reader => _requests.Reader;

    public ValueTask EnqueueAsync(CallbackRequest request, CancellationToken cancellationToken = default) => _requests.Writer.WriteAsync(request, cancellationToken);

    /// <summary>No more requests: the worker finishes those queued, then stops.</summary>
    public void Complete() => _requests.Writer.TryComplete();
}
