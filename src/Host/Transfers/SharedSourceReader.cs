using Rmote.Streams;

namespace Rmote.Transfers;

/// <summary>
/// One upload's view of a <see cref="SharedSourcePass"/>: a forward-only stream of the whole source. Disposing it
/// (or abandoning it half-way) lets the other readers of its pass go on without it.
/// </summary>
internal sealed class SharedSourceReader(SharedSourcePass pass) : ReadOnlyForwardStream
{
    private byte[]? chunk;
    private int offset;
    private int disposed;

    /// <summary>Number of the chunk this reader is on (the pass keeps it until the reader has copied all of it out).</summary>
    internal long ChunkNumber { get; set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        if (buffer.IsEmpty) return 0;
        if (chunk is null)
        {
            chunk = await pass.GetAsync(this, ChunkNumber, cancellationToken).ConfigureAwait(false);
            if (chunk is null) return 0;
            offset = 0;
        }
        var count = Math.Min(buffer.Length, chunk.Length - offset);
        chunk.AsSpan(offset, count).CopyTo(buffer.Span);
        offset += count;
        if (offset == chunk.Length)
        {
            // Copied out to the last byte: the pass need not keep it for this reader any longer.
            chunk = null;
            pass.Took(this, ++ChunkNumber);
        }
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) pass.Leave(this);
        base.Dispose(disposing);
    }
}
