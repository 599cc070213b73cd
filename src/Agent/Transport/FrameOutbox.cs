using System.Threading.Channels;
using Rmote.Protocol.Framing;

namespace Rmote.Agent.Transport;

/// <summary>
/// Everything the agent writes back — results, SYNC replies, dependency requests, LOG records — goes through one
/// <see cref="FrameSink"/>: written inline by the replying thread when the stream is idle, batched by the pump under
/// load. A full queue makes senders wait (log records are never dropped); after the connection ends frames are discarded.
/// </summary>
internal sealed class FrameOutbox(Stream output, FrameCodecOptions codec)
{
    private readonly FrameSink sink = new(output, codec);

    /// <summary>Sends <paramref name="frame"/>, waiting while the queue is full; a no-op once the connection closed.</summary>
    public async ValueTask PostAsync(Frame frame)
    {
        try
        {
            await sink.SendAsync(frame).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The connection is closing; there is nobody left to tell.
        }
    }

    /// <summary>Synchronous <see cref="PostAsync"/> for callers that cannot await (loggers).</summary>
    public void Post(Frame frame)
    {
        if (!sink.TrySend(frame))
        {
            PostAsync(frame).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>No more frames: the pump writes what is queued and ends.</summary>
    public void Complete() => sink.Complete();

    /// <summary>The writer pump; ends when completed, throws when writing fails.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => sink.RunAsync(cancellationToken);
}
