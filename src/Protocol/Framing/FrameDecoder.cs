using Rmote.Protocol.Compression;

namespace Rmote.Protocol.Framing;

/// <summary>
/// Reads frames from a stream through a 64 KiB read buffer, so a burst of small frames costs one read call. The
/// header is validated before anything is allocated: bad magic, a length above the maximum frame size, a truncated
/// frame or a corrupt compressed payload end in <see cref="ProtocolException"/>. Not thread-safe: one reader loop owns
/// a decoder. The handshake (<see cref="Handshake.ReadAsync"/>) reads through the same buffer, so bytes that follow
/// <c>PROTOCOL READY</c> are not lost. Raw binary stream items come in pooled arrays (<see cref="Frame.Lease"/>).
/// </summary>
public sealed class FrameDecoder
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream stream;
    private readonly FrameCodecOptions options;
    private readonly byte[] buffer = new byte[BufferSize];
    private readonly ChunkReassembly chunks;
    private int start;
    private int end;

    /// <summary>Creates a decoder reading <paramref name="stream"/> with <paramref name="options"/> (or the defaults).</summary>
    public FrameDecoder(Stream stream, FrameCodecOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.options = options ?? FrameCodecOptions.Default;
        chunks = new ChunkReassembly(this.options);
    }

    /// <summary>The unread bytes in the buffer (used by the handshake).</summary>
    internal ReadOnlySpan<byte> Buffered => buffer.AsSpan(start, end - start);

    /// <summary>The buffer's capacity, i.e. the longest line the handshake can look at.</summary>
    internal static int Capacity => BufferSize;

    /// <summary>
    /// Reads the next frame, a chunked message (<see cref="FrameFlags.Stream"/>) reassembled into one; returns
    /// <see langword="null"/> when the stream ends cleanly between two frames. Completes synchronously when the frame
    /// is already buffered.
    /// </summary>
    /// <exception cref="ProtocolException">The stream does not carry valid frames, or ends inside one.</exception>
    public ValueTask<Frame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        while (TryReadBuffered(out var frame))
        {
            if (chunks.TryComplete(ref frame)) return new ValueTask<Frame?>(frame);
        }

        return ReadMessageSlowAsync(cancellationToken);
    }

    /// <summary>Marks <paramref name="count"/> buffered bytes as consumed.</summary>
    internal void Consume(int count) => start += count;

    /// <summary>Reads more bytes into the buffer (compacting it first); <see langword="false"/> at end of stream.</summary>
    internal async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new InvalidOperationException("The read buffer is full.");
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        end += read;
        return read > 0;
    }

    private bool TryReadBuffered(out Frame frame)
    {
        var available = end - start;
        if (available >= FrameHeader.Size)
        {
            var (flags, length, id) = FrameHeader.Read(buffer.AsSpan(start), options.MaxFrameSize);
            if (available - FrameHeader.Size >= length)
            {
                var payload = buffer.AsSpan(start + FrameHeader.Size, length);
                if (IsPooled(flags, length))
                {
                    var lease = PayloadPool.Arrays.Rent(length);
                    payload.CopyTo(lease);
                    frame = new Frame(flags, id, lease.AsMemory(0, length)) { Lease = lease };
                }
                else
                {
                    frame = new Frame(flags, id, (flags & FrameFlags.Compressed) != 0
                        ? PayloadCompression.Decompress(payload, options.MaxFrameSize)
                        : payload.ToArray());
                }
                start += FrameHeader.Size + length;
                return true;
            }
        }

        frame = default;
        return false;
    }

    private async ValueTask<Frame?> ReadMessageSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await ReadFrameSlowAsync(cancellationToken).ConfigureAwait(false) is not { } frame)
            {
                return chunks.HasOpenMessages ? throw Truncated() : null;
            }

            if (chunks.TryComplete(ref frame))
            {
                return frame;
            }

            while (TryReadBuffered(out frame))
            {
                if (chunks.TryComplete(ref frame))
                {
                    return frame;
                }
            }
        }
    }

    private async ValueTask<Frame?> ReadFrameSlowAsync(CancellationToken cancellationToken)
    {
        while (end - start < FrameHeader.Size)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return end == start ? null : throw Truncated();
            }
        }

        var (flags, length, id) = FrameHeader.Read(buffer.AsSpan(start), options.MaxFrameSize);
        if (FrameHeader.Size + length <= buffer.Length)
        {
            Frame frame;
            while (!TryReadBuffered(out frame))
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw Truncated();
                }
            }

            return frame;
        }

        // Larger than the buffer: read the rest straight into the payload array (length was validated above).
        var pooled = IsPooled(flags, length);
        var payload = pooled ? PayloadPool.Arrays.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
        var copied = end - start - FrameHeader.Size;
        buffer.AsSpan(start + FrameHeader.Size, copied).CopyTo(payload);
        start = end = 0;
        while (copied < length)
        {
            var read = await stream.ReadAsync(payload.AsMemory(copied, length - copied), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Truncated();
            }

            copied += read;
        }

        if (pooled) return new Frame(flags, id, payload.AsMemory(0, length)) { Lease = payload };
        return new Frame(flags, id, (flags & FrameFlags.Compressed) != 0
            ? PayloadCompression.Decompress(payload, options.MaxFrameSize)
            : payload);
    }

    // A raw binary stream item (a file's chunk, either way) goes into a pooled array that its consumer returns
    // (Frame.Lease): a transfer then allocates nothing per chunk, and neither side's heap grows with its size.
    // Chunk pieces (Stream) are joined into one array and compressed payloads decompressed into new ones: not pooled.
    private const FrameFlags PooledMask = FrameFlags.StreamItem | FrameFlags.Binary | FrameFlags.Compressed | FrameFlags.Stream;
    private const int MinPooledLength = 4 * 1024;

    private static bool IsPooled(FrameFlags flags, int length) =>
        (flags & PooledMask) == (FrameFlags.StreamItem | FrameFlags.Binary) && length >= MinPooledLength;

    private static ProtocolException Truncated() => new("The stream ended in the middle of a frame.");
}
