namespace Rmote.Protocol.Framing;

/// <summary>Limits and compression settings shared by <see cref="FrameEncoder"/> and <see cref="FrameDecoder"/>.</summary>
public sealed record FrameCodecOptions
{
    /// <summary>The default maximum payload size: 256 MiB.</summary>
    public const int DefaultMaxFrameSize = 256 * 1024 * 1024;

    /// <summary>The shared default options.</summary>
    public static FrameCodecOptions Default { get; } = new();

    /// <summary>
    /// The largest payload (compressed on the wire and uncompressed after decoding) a frame may carry. A longer frame
    /// is a <see cref="ProtocolException"/>; nothing larger is ever allocated.
    /// </summary>
    public int MaxFrameSize { get; init; } = DefaultMaxFrameSize;

    /// <summary>Payloads longer than this many bytes are compressed when that makes them smaller.</summary>
    public int CompressionThreshold { get; init; } = 1024;

    /// <summary>Whether the encoder compresses at all (decoders always accept compressed frames).</summary>
    public bool EnableCompression { get; init; } = true;

    /// <summary>
    /// The default chunk size: 1 MiB. Smaller chunks cost bulk throughput (a 64 MiB result dropped from ~890 to ~310 MiB/s
    /// at 256 KiB); a small call waits behind at most one chunk, about a millisecond.
    /// </summary>
    public const int DefaultChunkSize = 1024 * 1024;

    /// <summary>
    /// A <see cref="FrameSink"/> sends a payload longer than this as several frames of at most this size (flag
    /// <see cref="FrameFlags.Stream"/> on all but the last), interleaved with other traffic, so a large transfer does
    /// not hold small messages back. <see cref="FrameDecoder"/> reassembles them.
    /// </summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>
    /// How many chunked messages a <see cref="FrameDecoder"/> reassembles at once; one more is a
    /// <see cref="ProtocolException"/>. Each is bounded by <see cref="MaxFrameSize"/>.
    /// </summary>
    public int MaxPartialMessages { get; init; } = 16;
}
