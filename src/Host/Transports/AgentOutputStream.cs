using System.Text;
using Rmote.Protocol.Framing;
using Rmote.Streams;

namespace Rmote.Transports;

/// <summary>
/// The agent's stdout. Before the protocol starts, the bootstrap reads text lines from it (skipping login noise);
/// whatever it buffered past its last line is served first to the protocol reader, so nothing is lost or re-read.
/// </summary>
internal sealed class AgentOutputStream(Stream inner) : ReadOnlyForwardStream
{
    /// <summary>Lines longer than this are skipped whole (matches the protocol handshake's rule).</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>
    /// The most output <see cref="ReadLineAsync"/> reads in all before it gives up: the protocol handshake's noise
    /// bound, so that no phase before the protocol reads an endless stream until the connect timeout.
    /// </summary>
    public const long MaxLineReadBytes = Handshake.MaxNoiseBytes;

    private byte[] _buffer = new byte[4096];
    private long _lineBytesRead;
    private int _start;
    private int _end;

    /// <summary>
    /// Reads the next line (without its <c>\n</c> or <c>\r\n</c>); <c>null</c> at end of stream. A line longer than
    /// <see cref="MaxLineBytes"/> is skipped, so memory stays bounded whatever the other side prints.
    /// </summary>
    /// <exception cref="ProtocolException">More than <see cref="MaxLineReadBytes"/> have been read as lines.</exception>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var skipping = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var from = _start;
                _start = newline + 1;
                if (skipping)
                {
                    skipping = false;
                    continue;
                }
                var length = newline - from;
                if (length > 0 && _buffer[newline - 1] == '\r') length--;
                return Encoding.UTF8.GetString(_buffer, from, length);
            }

            if (_end - _start >= MaxLineBytes)
            {
                skipping = true;
                _start = _end = 0;
            }
            Compact();
            var read = await inner.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0) return null;
            _end += read;
            _lineBytesRead += read;
            if (_lineBytesRead > MaxLineReadBytes)
                throw new ProtocolException($"More than {MaxLineReadBytes} bytes of output arrived before the bootstrap answered.");
        }
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (_start == _end) return inner.Read(buffer);
        return TakeBuffered(buffer);
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_start == _end) return inner.ReadAsync(buffer, cancellationToken);
        return ValueTask.FromResult(TakeBuffered(buffer.Span));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    // Moves pending bytes to the front and grows the buffer (up to one maximal line) when it is full.
    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + 4096));
    }
}
