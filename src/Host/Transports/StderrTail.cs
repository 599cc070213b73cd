using System.Text;

namespace Rmote.Transports;

/// <summary>
/// Keeps the last <see cref="Capacity"/> bytes a process wrote to stderr — enough for ssh's or the runtime's error
/// message, bounded however much a process writes. Pumped by <see cref="ProcessAgentTransport"/> for the process's whole life.
/// </summary>
internal sealed class StderrTail
{
    /// <summary>Bytes kept (64 KiB).</summary>
    public const int Capacity = 64 * 1024;

    private readonly byte[] _ring = new byte[Capacity];
    private readonly Lock _lock = new();
    private long _written;

    /// <summary>Appends bytes, overwriting the oldest once full.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (bytes.Length >= Capacity) bytes = bytes[^Capacity..];
            var at = (int)(_written % Capacity);
            var first = Math.Min(bytes.Length, Capacity - at);
            bytes[..first].CopyTo(_ring.AsSpan(at));
            bytes[first..].CopyTo(_ring);
            _written += bytes.Length;
        }
    }

    /// <summary>The kept bytes as text (UTF-8, trimmed); a cut-off first character shows as U+FFFD.</summary>
    public string Text
    {
        get
        {
            byte[] copy;
            lock (_lock)
            {
                if (_written <= Capacity)
                    copy = _ring.AsSpan(0, (int)_written).ToArray();
                else
                {
                    var at = (int)(_written % Capacity);
                    copy = [.. _ring.AsSpan(at), .. _ring.AsSpan(0, at)];
                }
            }
            return Encoding.UTF8.GetString(copy).Trim();
        }
    }
}
