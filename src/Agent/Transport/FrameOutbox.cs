using System.Threading.Channels;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Agent.Transport;

/// <summary>
/// Every frame the agent sends goes through here: a bounded queue drained by one writer loop that encodes whatever is
/// queued into one batch and writes + flushes it once. When the queue is full, senders wait (backpressure, e.g. a tool
/// logging in a tight loop) — frames are never dropped while the connection is up.
/// </summary>
internal sealed class FrameOutbox
{
    private const int Capacity = 4096;
    private const long MaxBatchBytes = 1024 * 1024;

    private readonly Channel<Frame> queue = Channel.CreateBounded<Frame>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues a frame, waiting while the queue is full. Frames posted after <see cref="Complete"/> are discarded.</summary>
    public async ValueTask PostAsync(Frame frame)
    {
        try
        {
            await queue.Writer.WriteAsync(frame).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The connection is closing; there is nobody left to tell.
        }
    }

    /// <summary>Queues a frame from synchronous code (loggers, assembly resolution), blocking while the queue is full.</summary>
    public void Post(Frame frame)
    {
        if (!queue.Writer.TryWrite(frame))
        {
            PostAsync(frame).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Stops accepting frames; <see cref="RunAsync"/> ends once the queued ones are written.</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>The writer loop: runs until <see cref="Complete"/> and the queue is drained, or the stream fails.</summary>
    public async Task RunAsync(Stream output, FrameCodecOptions options, CancellationToken cancellationToken)
    {
        using var encoder = new FrameEncoder(options);
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (encoder.PendingBytes < MaxBatchBytes && reader.TryRead(out var frame))
            {
                Append(encoder, frame);
            }

            await encoder.FlushAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Append(FrameEncoder encoder, in Frame frame)
    {
        try
        {
            encoder.Append(frame);
        }
        catch (ProtocolException tooLarge) when (frame.IsResponse && !frame.IsException)
        {
            // A result larger than the frame limit fails that one call instead of the connection.
            encoder.Append(ProtocolMessages.Failure(frame.Kind, frame.Id, tooLarge));
        }
    }
}
