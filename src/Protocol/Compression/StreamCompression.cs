using Rmote.Protocol.Framing;

namespace Rmote.Protocol.Compression;

/// <summary>
/// Decides once per binary stream (a file's chunks, a tar stream) whether its chunks are worth compressing: the first
/// chunk large enough to tell is sampled, and when it does not shrink every later chunk is sent raw without the encoder
/// trying — random, compressed or encrypted data would otherwise go through Brotli once per 64 KiB only to be thrown
/// away. A compressible stream keeps the encoder's per-frame decision, so each chunk is still compressed at most once.
/// One instance per stream, used by its one producer.
/// </summary>
internal sealed class StreamCompression
{
    // Chunks at or below the encoder's default threshold are never compressed, so they cannot tell.
    private const int DecisiveSize = 1024;

    private bool? compressible;

    /// <summary><paramref name="chunk"/>, marked <see cref="Frame.SkipCompression"/> once the stream has shown it does not compress.</summary>
    public Frame Apply(in Frame chunk)
    {
        if (compressible is null && chunk.Payload.Length > DecisiveSize) compressible = PayloadCompression.LooksCompressible(chunk.Payload.Span);
        return compressible == false ? chunk with { SkipCompression = true } : chunk;
    }
}
