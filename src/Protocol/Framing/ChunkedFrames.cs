namespace Rmote.Protocol.Framing;

/// <summary>
/// The sender's side of chunking, owned by the <see cref="FrameSink"/> pump: large frames waiting to be sent, oldest
/// first, each cut into chunks of <c>chunkSize</c> bytes. Every chunk but the last carries the frame's flags plus
/// <see cref="FrameFlags.Stream"/>; the last carries the frame's own flags, so a receiver sees one ordinary frame once
/// it has reassembled them. Chunks are slices of the frame's payload: nothing is copied.
/// </summary>
internal sealed class ChunkedFrames(int chunkSize)
{
    private readonly Queue<Frame> waiting = new();
    private int sent;

    /// <summary>Whether no large frame is waiting.</summary>
    public bool IsEmpty => waiting.Count == 0;

    /// <summary>
    /// Parks <paramref name="frame"/> when it must travel in chunks, or when a parked frame has its id (the items of
    /// one stream share their call's id: a small item overtaking a large one would reorder the stream, and the
    /// receiver, which reassembles per id and flags, would take it for the large one's final chunk); false for a frame
    /// that goes as it is (small, or above <paramref name="maxFrameSize"/>, which the encoder rejects whole).
    /// </summary>
    public bool TryPark(in Frame frame, int maxFrameSize)
    {
        if (frame.Payload.Length > maxFrameSize || (frame.Payload.Length <= chunkSize && !IsParked(frame.Id))) return false;
        waiting.Enqueue(frame);
        return true;
    }

    private bool IsParked(ulong id)
    {
        foreach (var parked in waiting)
        {
            if (parked.Id == id) return true;
        }
        return false;
    }

    /// <summary>The next chunk of the oldest parked frame, if any.</summary>
    public bool TryTakeChunk(out Frame chunk)
    {
        if (!waiting.TryPeek(out var frame))
        {
            chunk = default;
            return false;
        }
        var remaining = frame.Payload.Length - sent;
        if (remaining > chunkSize)
        {
            chunk = new Frame(frame.Flags | FrameFlags.Stream, frame.Id, frame.Payload.Slice(sent, chunkSize)) { SkipCompression = frame.SkipCompression };
            sent += chunkSize;
            return true;
        }
        // The last chunk carries the lease: it is returned once that chunk, and so the whole payload, is written.
        chunk = new Frame(frame.Flags, frame.Id, frame.Payload[sent..]) { SkipCompression = frame.SkipCompression, Lease = frame.Lease };
        waiting.Dequeue();
        sent = 0;
        return true;
    }
}
