using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// The streaming calls of a link, by request id, beside <see cref="PendingCalls"/>: the consumer registers, the reader
/// delivers items and the end, and when the link goes down every open stream ends with the link's failure (a
/// <see cref="ConnectionLostException"/>). Every exit path removes the entry first, so a stream ends exactly once.
/// </summary>
internal sealed class PendingStreams : PendingTable<PendingStream>
{
    /// <summary>Registers a stream of at most <paramref name="window"/> outstanding items; throws the close reason when the link is down.</summary>
    public PendingStream Register(ulong id, int window) => Add(id, new PendingStream(id, window));

    /// <summary>Delivers a STREAM_ITEM frame; false when no stream has its id (it was abandoned: the item is dropped).</summary>
    public bool TryDeliver(in Frame item)
    {
        if (!TryGet(item.Id, out var stream)) return false;
        if (!stream.TryDeliver(item))
        {
            item.ReturnLease();   // not buffered: nobody else holds it
            TryFail(item.Id, new ProtocolException($"The agent sent more than the {stream.Window} items granted to stream {item.Id}."));
        }
        return true;
    }

    /// <summary>Ends the stream that <paramref name="response"/> (RESPONSE|RPC) answers; false when no stream has its id.</summary>
    public bool TryEnd(in Frame response)
    {
        if (!TryTake(response.Id, out var stream)) return false;
        if (!response.IsException)
        {
            stream.End(null);
            return true;
        }

        try
        {
            stream.End(ProtocolMessages.ReadException(response).ToException());
        }
        catch (ProtocolException violation)
        {
            stream.End(violation);
        }
        return true;
    }

    /// <summary>Forgets stream <paramref name="id"/> (its consumer left); true when it was still open.</summary>
    public bool TryAbandon(ulong id) => TryTake(id, out _);

    protected override void Fail(PendingStream stream, Exception failure) => stream.End(failure);
}
