using System.Buffers.Binary;

namespace Rmote.Protocol.Framing;

/// <summary>
/// The 21-byte big-endian frame header: magic <c>RMOTE</c> (5) | flags u32 | payload length u32 | id u64.
/// </summary>
public static class FrameHeader
{
    /// <summary>Size of the header in bytes.</summary>
    public const int Size = 21;

    // Bits 19-31 are unassigned and must be zero: a peer setting them speaks something else.
    private const FrameFlags KnownFlags = (FrameFlags)0x7FFFF;

    /// <summary>The magic that starts every frame.</summary>
    public static ReadOnlySpan<byte> Magic => "RMOTE"u8;

    /// <summary>Writes a header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, FrameFlags flags, int length, ulong id)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)flags);
        BinaryPrimitives.WriteUInt32BigEndian(destination[9..], (uint)length);
        BinaryPrimitives.WriteUInt64BigEndian(destination[13..], id);
    }

    /// <summary>
    /// Reads a header, validating the magic and the length against <paramref name="maxFrameSize"/>.
    /// </summary>
    /// <exception cref="ProtocolException">Bad magic, unassigned flag bits, or a payload longer than <paramref name="maxFrameSize"/>.</exception>
    public static (FrameFlags Flags, int Length, ulong Id) Read(ReadOnlySpan<byte> source, int maxFrameSize)
    {
        if (!source[..5].SequenceEqual(Magic))
        {
            throw new ProtocolException($"Bad frame magic {Convert.ToHexString(source[..5])} (expected 524D4F5445, \"RMOTE\").");
        }

        var flags = (FrameFlags)BinaryPrimitives.ReadUInt32BigEndian(source[5..]);
        if ((flags & ~KnownFlags) != 0)
        {
            throw new ProtocolException($"Frame flags 0x{(uint)flags:X8} set bits no version of this protocol defines (0x{(uint)(flags & ~KnownFlags):X8}).");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(source[9..]);
        if (length > (uint)maxFrameSize)
        {
            throw new ProtocolException($"Frame of {length} bytes exceeds the maximum frame size of {maxFrameSize} bytes.");
        }

        return (flags, (int)length, BinaryPrimitives.ReadUInt64BigEndian(source[13..]));
    }
}
