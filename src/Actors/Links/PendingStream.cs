using System.Threading.Channels;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

/// <summary>
/// The items of one streaming call between the reader, which delivers them, and the consumer's <c>await foreach</c>.
/// The agent sends no more items than the consumer granted, so the buffer (capacity: the window) never fills: an item
/// that does not fit is a protocol violation, and the reader never waits.
/// </summary>
internal sealed class PendingStream(ulong id, int window)
{
    private readonly Channel<Frame> items = Channel.CreateBounded<Frame>(new BoundedChannelOptions(window)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>The request id.</summary>
    public ulong Id { get; } = id;

    /// <summary>How many items the consumer may have outstanding (granted and not yet taken).</summary>
    public int Window { get; } = window;

    /// <summary>The delivered items; completes at the end of the stream, or throws its failure after the items before it.</summary>
    public ChannelReader<Frame> Items => items.Reader;

    /// <summary>Buffers one item; false when the window is already full (the agent sent more than it was granted).</summary>
    public bool TryDeliver(in Frame item) => items.Writer.TryWrite(item);

    /// <summary>Ends the stream after the buffered items, normally or with <paramref name="failure"/>.</summary>
    public void End(Exception? failure) => items.Writer.TryComplete(failure);
}
