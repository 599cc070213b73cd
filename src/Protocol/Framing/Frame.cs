namespace Rmote.Protocol.Framing;

/// <summary>
/// One protocol frame. <see cref="Payload"/> is always the uncompressed payload: the encoder compresses and the decoder
/// decompresses, and a decoded frame keeps <see cref="FrameFlags.Compressed"/> only to tell how it travelled.
/// </summary>
/// <param name="Flags">Direction, kind and transport flags.</param>
/// <param name="Id">Request id (from the requesting side's own counter), echoed by the response; 0 for LOG.</param>
/// <param name="Payload">The payload bytes.</param>
public readonly record struct Frame(FrameFlags Flags, ulong Id, ReadOnlyMemory<byte> Payload)
{
    /// <summary>
    /// Sender side only, never on the wire: the sender has decided that compressing this payload does not pay (a
    /// binary stream whose first chunk did not shrink, see <see cref="Compression.StreamCompression"/>), so the encoder
    /// sends it raw without trying.
    /// </summary>
    public bool SkipCompression { get; init; }

    /// <summary>
    /// Never on the wire: the array from <see cref="PayloadPool"/> that <see cref="Payload"/> lives in, owned by
    /// whoever holds the frame — like a write buffer in Akka's TcpConnection, owned by the writer until the write is
    /// acknowledged. A <see cref="FrameSink"/> gives it back once the frame is written (never earlier: the encoder
    /// writes large payloads straight from it); a <see cref="FrameDecoder"/> rents it for a binary stream item, and the
    /// consumer gives it back once it has used the bytes (<see cref="ReturnLease"/>). A lease that is never returned
    /// is only garbage; one returned while something still reads the payload is corruption, so exactly one holder
    /// returns it, after the last use.
    /// </summary>
    internal byte[]? Lease { get; init; }

    /// <summary>Gives <see cref="Lease"/> back to the pool (the caller's copy of the frame must not be used again).</summary>
    internal void ReturnLease()
    {
        if (Lease is { } lease) PayloadPool.Arrays.Return(lease);
    }

    /// <summary>Whether all of <paramref name="flags"/> are set.</summary>
    public bool Has(FrameFlags flags) => (Flags & flags) == flags;

    private const FrameFlags Modifiers = FrameFlags.Request | FrameFlags.Response | FrameFlags.Exception | FrameFlags.Compressed | FrameFlags.Binary;

    /// <summary>
    /// The frame's kind bits (e.g. <see cref="FrameFlags.Rpc"/>): everything except direction and the modifiers
    /// <see cref="FrameFlags.Exception"/>, <see cref="FrameFlags.Compressed"/> and <see cref="FrameFlags.Binary"/>.
    /// </summary>
    public FrameFlags Kind => Flags & ~Modifiers;

    /// <summary>Whether the frame asks for a response.</summary>
    public bool IsRequest => (Flags & FrameFlags.Request) != 0;

    /// <summary>Whether the frame answers one of the receiver's requests.</summary>
    public bool IsResponse => (Flags & FrameFlags.Response) != 0;

    /// <summary>Whether the frame reports a failure (its payload is an exception payload).</summary>
    public bool IsException => (Flags & FrameFlags.Exception) != 0;

    /// <inheritdoc />
    public override string ToString() => $"Frame({Flags}, id {Id}, {Payload.Length} bytes)";
}
