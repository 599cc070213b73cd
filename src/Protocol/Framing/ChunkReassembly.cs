namespace Rmote.Protocol.Framing;

/// <summary>
/// The receiver's side of chunking, owned by a <see cref="FrameDecoder"/>: chunks (<see cref="FrameFlags.Stream"/>)
/// are collected per message — same id and same flags apart from <see cref="FrameFlags.Stream"/> and
/// <see cref="FrameFlags.Compressed"/> — until the final chunk (without <see cref="FrameFlags.Stream"/>) completes it.
/// Memory stays bounded: all open messages together may not grow beyond the maximum frame size (a well-behaved
/// sender finishes one chunked message before it starts the next), and at most
/// <see cref="FrameCodecOptions.MaxPartialMessages"/> may be open at once; either is a <see cref="ProtocolException"/>.
/// </summary>
internal sealed class ChunkReassembly(FrameCodecOptions options)
{
    private readonly Dictionary<(ulong Id, FrameFlags Flags), Partial> open = [];
    private long openBytes;

    /// <summary>Whether a message is half received (the stream must not end now).</summary>
    public bool HasOpenMessages => open.Count > 0;

    /// <summary>
    /// Takes one decoded frame. A chunk is kept and <see langword="false"/> returned; any other frame is returned in
    /// <paramref name="frame"/> — the final chunk replaced by the whole message.
    /// </summary>
    /// <exception cref="ProtocolException">A limit was exceeded.</exception>
    public bool TryComplete(ref Frame frame)
    {
        var streamed = (frame.Flags & FrameFlags.Stream) != 0;
        if (!streamed && open.Count == 0) return true;   // the common case: one check
        var key = (frame.Id, frame.Flags & ~(FrameFlags.Stream | FrameFlags.Compressed));
        if (streamed)
        {
            if (!open.TryGetValue(key, out var partial))
            {
                if (open.Count >= options.MaxPartialMessages)
                    throw new ProtocolException($"More than {options.MaxPartialMessages} chunked messages are in progress at once.");
                open[key] = partial = new Partial();
            }
            Reserve(frame.Payload.Length);
            partial.Add(frame.Payload);
            return false;
        }
        if (open.Remove(key, out var chunks))
        {
            Reserve(frame.Payload.Length);
            chunks.Add(frame.Payload);
            openBytes -= chunks.Length;
            frame = new Frame(frame.Flags, frame.Id, chunks.Join());
        }
        return true;
    }

    private void Reserve(int bytes)
    {
        openBytes += bytes;
        if (openBytes > options.MaxFrameSize)
            throw new ProtocolException($"Chunked messages grew beyond the maximum frame size of {options.MaxFrameSize} bytes.");
    }

    private sealed class Partial
    {
        private readonly List<ReadOnlyMemory<byte>> chunks = [];

        public long Length { get; private set; }

        public void Add(ReadOnlyMemory<byte> chunk)
        {
            Length += chunk.Length;
            chunks.Add(chunk);
        }

        public byte[] Join()
        {
            var whole = GC.AllocateUninitializedArray<byte>((int)Length);
            var at = 0;
            foreach (var chunk in chunks)
            {
                chunk.Span.CopyTo(whole.AsSpan(at));
                at += chunk.Length;
            }
            return whole;
        }
    }
}
