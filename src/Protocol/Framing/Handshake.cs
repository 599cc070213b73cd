using System.Text;

namespace Rmote.Protocol.Framing;

/// <summary>
/// The handshake that starts every connection: each side writes <c>PROTOCOL READY\n</c>, then reads lines until it
/// sees exactly that line (a trailing <c>\r</c> is tolerated). Anything before it — login banners, MOTD, shell noise —
/// is skipped; a line longer than 64 KiB is skipped without being buffered, and more than
/// <see cref="MaxNoiseBytes"/> of noise is a <see cref="ProtocolException"/>. The caller applies the connect timeout
/// through the cancellation token.
/// </summary>
public static class Handshake
{
    /// <summary>The most output skipped before <c>PROTOCOL READY</c> before giving up.</summary>
    public const int MaxNoiseBytes = 16 * 1024 * 1024;

    private const int MaxQuotedNoise = 300;

    /// <summary>The handshake line, newline included.</summary>
    public static ReadOnlySpan<byte> ReadyLine => "PROTOCOL READY\n"u8;

    /// <summary>Writes the handshake line and flushes.</summary>
    public static async ValueTask WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(ReadyLine.ToArray(), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads through <paramref name="decoder"/> until the handshake line; afterwards the decoder continues with the
    /// first frame.
    /// </summary>
    /// <exception cref="ConnectionLostException">The stream ended before the handshake line (the message quotes the last output seen).</exception>
    /// <exception cref="ProtocolException">More than <see cref="MaxNoiseBytes"/> of output came before the handshake line.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask ReadAsync(FrameDecoder decoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var expected = ReadyLine[..^1].ToArray();
        long noise = 0;
        var skippingLongLine = false;
        var lastLine = string.Empty;
        while (true)
        {
            var newline = decoder.Buffered.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = TrimCarriageReturn(decoder.Buffered[..newline]);
                if (!skippingLongLine && line.SequenceEqual(expected))
                {
                    decoder.Consume(newline + 1);
                    return;
                }

                if (!skippingLongLine && line.Length > 0)
                {
                    lastLine = Quote(line);
                }

                skippingLongLine = false;
                noise += newline + 1;
                decoder.Consume(newline + 1);
            }
            else if (decoder.Buffered.Length == FrameDecoder.Capacity)
            {
                // A line longer than the buffer can never be the handshake line: drop what we have and skip to its end.
                skippingLongLine = true;
                noise += decoder.Buffered.Length;
                decoder.Consume(decoder.Buffered.Length);
            }
            else if (!await decoder.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                var pending = decoder.Buffered.IsEmpty ? lastLine : Quote(decoder.Buffered);
                throw new ConnectionLostException(pending.Length == 0
                    ? "The stream ended before the handshake (PROTOCOL READY); no output was received."
                    : $"The stream ended before the handshake (PROTOCOL READY); last output: {pending}");
            }

            if (noise > MaxNoiseBytes)
            {
                throw new ProtocolException($"More than {MaxNoiseBytes} bytes of output arrived before the handshake (PROTOCOL READY).");
            }
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static string Quote(ReadOnlySpan<byte> text) =>
        Encoding.UTF8.GetString(text[..Math.Min(text.Length, MaxQuotedNoise)]).Trim();
}
