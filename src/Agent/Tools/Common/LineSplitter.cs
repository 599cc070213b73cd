using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rmote.Tools.Common;

/// <summary>
/// Cuts bytes into lines of text as they arrive, for the streaming tools (<c>FileSystem.TailAsync</c>,
/// <c>Exec.StreamAsync</c>). A line ends at <c>\n</c> (a <c>\r</c> right before it is dropped, so CRLF text reads
/// the same); bytes that are not UTF-8 become U+FFFD, never an exception. A line longer than
/// <see cref="MaxLineBytes"/> is handed out in pieces of at most that many bytes, cut at a character boundary, so
/// memory stays bounded whatever the input: a 10 GiB file without a newline is 10 240 pieces, not one string.
/// </summary>
/// <remarks>
/// Use: <see cref="Feed"/> a block, then <see cref="TryTake"/> until it returns false (the block's memory must stay
/// untouched until then); a partial last line is kept across blocks until its newline comes, or handed out by
/// <see cref="TryFlush"/> (end of input, a truncated or replaced file).
/// </remarks>
internal sealed class LineSplitter
{
    /// <summary>The default bound on one line: 1 MiB of UTF-8.</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private byte[] pending = new byte[256];
    private int pendingLength;
    private ReadOnlyMemory<byte> block;

    /// <summary>Creates a splitter whose lines are at most <paramref name="maxLineBytes"/> bytes.</summary>
    public LineSplitter(int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 4);   // room for any one UTF-8 character
        MaxLineBytes = maxLineBytes;
    }

    /// <summary>The longest line handed out, in bytes of UTF-8; longer lines come in pieces.</summary>
    public int MaxLineBytes { get; }

    /// <summary>Whether a partial line (no newline yet) is held.</summary>
    public bool HasPartialLine => pendingLength > 0;

    /// <summary>Gives the next block of input; the previous one must have been taken whole.</summary>
    public void Feed(ReadOnlyMemory<byte> bytes)
    {
        if (!block.IsEmpty) throw new InvalidOperationException("The previous block has not been taken whole.");
        block = bytes;
    }

    /// <summary>The next whole line (or piece of an over-long line) of the fed input; false when the block is used up.</summary>
    public bool TryTake([NotNullWhen(true)] out string? line)
    {
        var rest = block.Span;
        var room = MaxLineBytes - pendingLength;
        // A newline right after `room` bytes still ends a line of exactly MaxLineBytes.
        var newline = rest[..Math.Min(rest.Length, room + 1)].IndexOf((byte)'\n');
        if (newline >= 0)
        {
            line = pendingLength == 0 ? Decode(rest[..newline]) : Decode(Append(rest[..newline]));
            pendingLength = 0;
            block = block[(newline + 1)..];
            return true;
        }

        if (rest.Length > room)
        {
            // No newline within the bound: hand out MaxLineBytes, less the start of a character cut in two (kept).
            var full = Append(rest[..room]);
            var cut = CharacterBoundary(full);
            line = Utf8.GetString(full[..cut]);
            full[cut..].CopyTo(pending);
            pendingLength = full.Length - cut;
            block = block[room..];
            return true;
        }

        Append(rest);
        block = default;
        line = null;
        return false;
    }

    /// <summary>The held partial line, if there is one (the input ended, or the file it came from is gone).</summary>
    public bool TryFlush([NotNullWhen(true)] out string? line)
    {
        if (!block.IsEmpty) throw new InvalidOperationException("The current block has not been taken whole.");
        line = pendingLength == 0 ? null : Decode(pending.AsSpan(0, pendingLength));
        pendingLength = 0;
        return line is not null;
    }

    // Grows the held bytes (never beyond MaxLineBytes: callers append at most the room left) and returns them.
    private Span<byte> Append(ReadOnlySpan<byte> bytes)
    {
        var length = pendingLength + bytes.Length;
        if (length > pending.Length)
        {
            Array.Resize(ref pending, Math.Min(MaxLineBytes, Math.Max(length, pending.Length * 2)));
        }

        bytes.CopyTo(pending.AsSpan(pendingLength));
        pendingLength = length;
        return pending.AsSpan(0, length);
    }

    private static string Decode(ReadOnlySpan<byte> line) =>
        Utf8.GetString(line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line);

    // The longest prefix that does not end inside a multi-byte UTF-8 sequence (invalid input is cut anywhere).
    private static int CharacterBoundary(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue;   // a continuation byte: look further back for its lead
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back && bytes.Length > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
