using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Rmote.Tools.Common;

/// <summary>
/// UTF-8 text files that tools edit in place (a line, a key, a config section). The file is decoded strictly and its
/// byte order mark remembered, so that decoding and encoding again gives back every byte of every line the edit did
/// not touch. A file that is not valid UTF-8 is refused before anything is written: decoding it with replacement
/// characters, as rmote did, would silently rewrite lines nobody asked to change.
/// </summary>
internal static class TextFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="path"/> (without a byte order mark) and whether it had one.</summary>
    /// <exception cref="InvalidDataException">The file is not valid UTF-8; it names the first bad byte's line and column.</exception>
    public static (string Text, bool ByteOrderMark) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var preamble = Strict.Preamble;
        var bom = bytes.AsSpan().StartsWith(preamble);
        var content = bom ? bytes.AsSpan(preamble.Length) : bytes;
        if (!Utf8.IsValid(content))
        {
            var invalid = FirstInvalidByte(content);
            var line = content[..invalid].Count((byte)'\n') + 1;
            var column = invalid - (content[..invalid].LastIndexOf((byte)'\n') + 1) + 1;
            throw new InvalidDataException(
                $"'{path}' is not valid UTF-8 (byte 0x{content[invalid]:X2} at line {line}, column {column}): refusing to edit it, "
                + "so that no other line is changed. The file was left as it is; convert it to UTF-8 first.");
        }

        return (Strict.GetString(content), bom);
    }

    /// <summary>The bytes to write for <paramref name="text"/>: UTF-8, with a byte order mark when the file had one.</summary>
    public static byte[] Encode(string text, bool byteOrderMark) =>
        byteOrderMark ? [.. Strict.Preamble, .. Strict.GetBytes(text)] : Strict.GetBytes(text);

    // The offset of the first byte that does not start or continue a valid UTF-8 sequence (the content has one).
    private static int FirstInvalidByte(ReadOnlySpan<byte> content)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var offset = 0;
            while (offset < content.Length)
            {
                var status = Utf8.ToUtf16(content[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
                offset += read;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
                {
                    break;
                }
            }

            return Math.Min(offset, content.Length - 1);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
