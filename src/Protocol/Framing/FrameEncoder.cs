using System.Buffers;
using Rmote.Protocol.Compression;

namespace Rmote.Protocol.Framing;

/// <summary>
/// Encodes frames into one batch and writes the batch with a single write + flush. Small payloads are copied into a
/// pooled buffer; payloads of 64 KiB and more are written straight from the caller's memory (which must then stay
/// unchanged until <see cref="FlushAsync"/> returns). Not thread-safe: one writer loop owns an encoder.
/// </summary>
public sealed class FrameEncoder : IDisposable
{
    private const int InitialCapacity = 64 * 1024;
    private const int DirectWriteThreshold = 64 * 1024;

    // A buffer that grew beyond this for one large frame is given back after the flush instead of being kept.
    private const int RetainedCapacity = 1024 * 1024;

    private readonly FrameCodecOptions options;
    private readonly List<Segment> segments = [];
    private byte[] buffer;
    private int length;
    private int segmentStart;

    /// <summary>Creates an encoder using <paramref name="options"/> (or <see cref="FrameCodecOptions.Default"/>).</summary>
    public FrameEncoder(FrameCodecOptions? options = null)
    {
        this.options = options ?? FrameCodecOptions.Default;
        buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    }

    /// <summary>Number of frames appended since the last flush.</summary>
    public int FrameCount { get; private set; }

    /// <summary>Bytes appended since the last flush (headers included).</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Appends one frame to the batch, compressing its payload when that pays off.</summary>
    /// <exception cref="ProtocolException">The payload is longer than the maximum frame size.</exception>
    public void Append(in Frame frame)
    {
        var payload = frame.Payload.Span;
        if (payload.Length > options.MaxFrameSize)
        {
            throw new ProtocolException($"Cannot send a frame of {payload.Length} bytes: the maximum frame size is {options.MaxFrameSize} bytes.");
        }

        var flags = frame.Flags & ~FrameFlags.Compressed;
        FrameCount++;
        if (options.EnableCompression && !frame.SkipCompression && PayloadCompression.IsWorthTrying(payload, options.CompressionThreshold))
        {
            // Compress straight into the batch; only a result shorter than the payload is accepted.
            EnsureCapacity(FrameHeader.Size + payload.Length - 1);
            var compressed = PayloadCompression.TryCompress(payload, buffer.AsSpan(length + FrameHeader.Size, payload.Length - 1));
            if (compressed > 0)
            {
                FrameHeader.Write(buffer.AsSpan(length), flags | FrameFlags.Compressed, compressed, frame.Id);
                Advance(FrameHeader.Size + compressed);
                return;
            }
        }

        if (payload.Length >= DirectWriteThreshold)
        {
            EnsureCapacity(FrameHeader.Size);
            FrameHeader.Write(buffer.AsSpan(length), flags, payload.Length, frame.Id);
            Advance(FrameHeader.Size);
            CloseBufferSegment();
            segments.Add(new Segment(0, 0, frame.Payload));
            PendingBytes += payload.Length;
            return;
        }

        EnsureCapacity(FrameHeader.Size + payload.Length);
        FrameHeader.Write(buffer.AsSpan(length), flags, payload.Length, frame.Id);
        payload.CopyTo(buffer.AsSpan(length + FrameHeader.Size));
        Advance(FrameHeader.Size + payload.Length);
    }

    /// <summary>Writes every appended frame to <paramref name="stream"/>, flushes it once and empties the batch.</summary>
    public async ValueTask FlushAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CloseBufferSegment();
        try
        {
            foreach (var segment in segments)
            {
                var memory = segment.External.IsEmpty ? buffer.AsMemory(segment.Start, segment.Length) : segment.External;
                await stream.WriteAsync(memory, cancellationToken).ConfigureAwait(false);
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Synchronous <see cref="FlushAsync"/>, for a sender that writes a small batch on its own thread.</summary>
    public void Flush(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CloseBufferSegment();
        try
        {
            foreach (var segment in segments)
            {
                stream.Write(segment.External.IsEmpty ? buffer.AsSpan(segment.Start, segment.Length) : segment.External.Span);
            }

            stream.Flush();
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Discards the pending batch without writing it.</summary>
    public void Reset()
    {
        segments.Clear();
        length = 0;
        segmentStart = 0;
        FrameCount = 0;
        PendingBytes = 0;
        if (buffer.Length > RetainedCapacity)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
        }
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        segments.Clear();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void Advance(int count)
    {
        length += count;
        PendingBytes += count;
    }

    private void CloseBufferSegment()
    {
        if (length > segmentStart)
        {
            segments.Add(new Segment(segmentStart, length - segmentStart, default));
            segmentStart = length;
        }
    }

    private void EnsureCapacity(int additional)
    {
        var required = (long)length + additional;
        if (required <= buffer.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(required, buffer.Length * 2L), Array.MaxLength));
        buffer.AsSpan(0, length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = grown;
    }

    // A slice of the batch buffer (by offsets, because the buffer may be replaced as it grows) or caller memory.
    private readonly record struct Segment(int Start, int Length, ReadOnlyMemory<byte> External);
}
