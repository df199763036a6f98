using System.Threading.Channels;

namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>The worker's input: in a real service, a message queue consumer writes here.</summary>
public sealed class SignupInbox
{
    private readonly Channel<Signup> _channel = Channel.CreateBounded<Signup>(100);

    /// <summary>Gets the writer side.</summary>
    public ChannelWriter<Signup> Writer => _channel.Writer;

    /// <summary>Gets the reader side.</summary>
    public ChannelReader<Signup> Reader => _channel.Reader;
}
