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
}
