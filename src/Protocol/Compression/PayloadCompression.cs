using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Rmote.Protocol.Compression;

/// <summary>
/// Payload compression: Brotli at quality 1 (its fastest). A compressed payload is
/// <c>uncompressed length u32 (big-endian) | Brotli stream</c>; the length prefix lets the decoder validate the size
/// against the frame limit before allocating, so a compression bomb can never allocate more than the limit.
/// </summary>
public static class PayloadCompression
{
    /// <summary>Bytes in front of the Brotli stream (the uncompressed length).</summary>
    public const int LengthPrefixSize = 4;

    private const int Quality = 1;
    private const int Window = 22;

    // Above this size the payload is sampled first, so that e.g. 64 MiB of random bytes never go through Brotli.
    private const int SampleAbove = 256 * 1024;
    private const int SampleCount = 4;
    private const int SampleSize = 16 * 1024;

    /// <summary>
    /// Whether compressing <paramref name="source"/> is worth trying: it is longer than <paramref name="threshold"/>
    /// and, when large, a few samples of it actually shrink (so random data is sent raw without compressing it).
    /// </summary>
    public static bool IsWorthTrying(ReadOnlySpan<byte> source, int threshold) =>
        source.Length > threshold && (source.Length <= SampleAbove || LooksCompressible(source));

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/> (prefix included) and returns the bytes
    /// written, or 0 when the result would not fit — pass a destination shorter than the source to compress only when
    /// that saves space.
    /// </summary>
    public static int TryCompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length <= LengthPrefixSize)
        {
            return 0;
        }

        if (!BrotliEncoder.TryCompress(source, destination[LengthPrefixSize..], out var written, Quality, Window))
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)source.Length);
        return LengthPrefixSize + written;
    }

    /// <summary>
    /// Decompresses a payload produced by <see cref="TryCompress"/>.
    /// </summary>
    /// <exception cref="ProtocolException">The declared size exceeds <paramref name="maxSize"/> or the data is corrupt.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> source, int maxSize)
    {
        if (source.Length < LengthPrefixSize)
        {
            throw new ProtocolException("Compressed payload is shorter than its length prefix.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(source);
        if (length > (uint)maxSize)
        {
            throw new ProtocolException($"Compressed payload expands to {length} bytes, more than the maximum frame size of {maxSize} bytes.");
        }

        var result = GC.AllocateUninitializedArray<byte>((int)length);
        if (!BrotliDecoder.TryDecompress(source[LengthPrefixSize..], result, out var written) || written != result.Length)
        {
            throw new ProtocolException("Compressed payload is corrupt or does not match its declared length.");
        }

        return result;
    }

    /// <summary>
    /// Compresses a few evenly spaced samples (all of it when it is short) and reports whether they shrink by at least
    /// 10 %.
    /// </summary>
    public static bool LooksCompressible(ReadOnlySpan<byte> source)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Min(source.Length, SampleSize * SampleCount) + 1024);
        try
        {
            if (source.Length <= SampleSize * SampleCount)
                return BrotliEncoder.TryCompress(source, scratch.AsSpan(0, source.Length * 9 / 10), out _, Quality, Window);

            long compressed = 0;
            var stride = (source.Length - SampleSize) / (SampleCount - 1);
            for (var i = 0; i < SampleCount; i++)
            {
                var sample = source.Slice(i * stride, SampleSize);
                compressed += BrotliEncoder.TryCompress(sample, scratch, out var written, Quality, Window) ? written : SampleSize;
            }

            return compressed < SampleCount * SampleSize * 9L / 10;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
