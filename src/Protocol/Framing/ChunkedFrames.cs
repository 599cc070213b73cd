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
    /// Parks <paramref name="frame"/> when it must travel in chunks; false for a frame that goes as it is (small, or
    /// above <paramref name="maxFrameSize"/>, which the encoder rejects whole).
    /// </summary>
    public bool TryPark(in Frame frame, int maxFrameSize)
    {
        if (frame.Payload.Length <= chunkSize || frame.Payload.Length > maxFrameSize) return false;
        waiting.Enqueue(frame);
        return true;
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
