using System.Collections.Concurrent;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// The streaming calls of a link, by request id, beside <see cref="PendingCalls"/>: the consumer registers, the reader
/// delivers items and the end, and when the link goes down every open stream ends with the link's failure (a
/// <see cref="ConnectionLostException"/>). Every exit path removes the entry first, so a stream ends exactly once.
/// </summary>
internal sealed class PendingStreams
{
    private readonly ConcurrentDictionary<ulong, PendingStream> streams = new();
    private Exception? closedReason;

    /// <summary>Number of open streams.</summary>
    public int Count => streams.Count;

    /// <summary>Registers a stream of at most <paramref name="window"/> outstanding items; throws the close reason when the link is down.</summary>
    public PendingStream Register(ulong id, int window)
    {
        var stream = new PendingStream(id, window);
        streams[id] = stream;
        if (Volatile.Read(ref closedReason) is { } reason && streams.TryRemove(id, out _)) throw reason;
        return stream;
    }

    /// <summary>Delivers a STREAM_ITEM frame; false when no stream has its id (it was abandoned: the item is dropped).</summary>
    public bool TryDeliver(in Frame item)
    {
        if (!streams.TryGetValue(item.Id, out var stream)) return false;
        if (!stream.TryDeliver(item))
            TryFail(item.Id, new ProtocolException($"The agent sent more than the {stream.Window} items granted to stream {item.Id}."));
        return true;
    }

    /// <summary>Ends the stream that <paramref name="response"/> (RESPONSE|RPC) answers; false when no stream has its id.</summary>
    public bool TryEnd(in Frame response)
    {
        if (!streams.TryRemove(response.Id, out var stream)) return false;
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

    /// <summary>Ends stream <paramref name="id"/> with <paramref name="failure"/>; true when this ended it.</summary>
    public bool TryFail(ulong id, Exception failure)
    {
        if (!streams.TryRemove(id, out var stream)) return false;
        stream.End(failure);
        return true;
    }

    /// <summary>Forgets stream <paramref name="id"/> (its consumer left); true when it was still open.</summary>
    public bool TryAbandon(ulong id) => streams.TryRemove(id, out _);

    /// <summary>Ends every open stream and every later registration with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        Interlocked.CompareExchange(ref closedReason, reason, null);
        foreach (var id in streams.Keys) TryFail(id, reason);
    }
}
