using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Tools;

/// <summary>
/// The bytes the host streams into one running call (host → agent STREAM_ITEM frames, then STREAM_END). The tool
/// grants credit as it reads — the whole window first, then in batches of half of it — so the host never has more
/// than a window in flight and the agent never buffers more than that. A chunk's memory is pooled (the decoder's
/// <see cref="Frame.Lease"/>) and goes back when the tool asks for the next chunk or stops reading.
/// </summary>
internal sealed class InboundStream(ulong id, int window, Func<Frame, ValueTask> send)
{
    private readonly Channel<Frame> items = Channel.CreateBounded<Frame>(new BoundedChannelOptions(window + 1)
    {
        SingleReader = true,
        SingleWriter = true,
    });

    /// <summary>Buffers an item or the end; false when the host sent more than it was granted.</summary>
    public bool TryDeliver(in Frame frame) => items.Writer.TryWrite(frame);

    /// <summary>Ends the input with <paramref name="failure"/> (the call ended or the host broke the protocol).</summary>
    public void Fail(Exception failure) => items.Writer.TryComplete(failure);

    /// <summary>The chunks, in order, until the host's STREAM_END.</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await send(StreamMessages.Demand(id, window)).ConfigureAwait(false);
        var batch = Math.Max(1, window / 2);
        var taken = 0;
        var reader = items.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                if (frame.Has(FrameFlags.StreamEnd)) yield break;
                if (++taken >= batch)
                {
                    await send(StreamMessages.Demand(id, taken)).ConfigureAwait(false);
                    taken = 0;
                }
                try
                {
                    yield return frame.Payload;
                }
                finally
                {
                    // The tool has used the chunk (it asked for the next one, or stopped reading).
                    frame.ReturnLease();
                }
            }
        }
        throw new EndOfStreamException($"The host's input to call {id} ended without STREAM_END.");
    }
}
