namespace Rmote.Transfers;

/// <summary>
/// One read of a <see cref="SharedSource"/>'s source, shared by the readers that joined it before it let go of its
/// first chunk. Reading is driven by the readers: the one that needs the next chunk reads it (one read at a time, while
/// fewer than window chunks are kept); the others wait for it. A chunk is dropped once every reader has moved past it.
/// The source is opened on the first read and closed when it is exhausted, when reading it failed (every reader then
/// fails with an <see cref="IOException"/>) or when the last reader has left.
/// </summary>
internal sealed class SharedSourcePass(Func<Stream> open, int chunkSize, int window)
{
    private readonly Lock gate = new();
    private readonly List<byte[]> chunks = [];   // chunks[i] is chunk number first + i
    private readonly HashSet<SharedSourceReader> readers = [];
    private long first;
    private Stream? source;
    private bool reading;
    private bool ended;
    private bool abandoned;
    private Exception? failure;
    private TaskCompletionSource changed = NewSignal();

    /// <summary>A new reader from the first chunk; <see langword="null"/> once the first chunk is gone or everyone left.</summary>
    public SharedSourceReader? TryJoin()
    {
        lock (gate)
        {
            if (first > 0 || abandoned) return null;
            var reader = new SharedSourceReader(this);
            readers.Add(reader);
            return reader;
        }
    }

    /// <summary>Chunk number <paramref name="index"/> for <paramref name="reader"/>, once it is there; <see langword="null"/> past the end.</summary>
    public async ValueTask<byte[]?> GetAsync(SharedSourceReader reader, long index, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? signal;
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(!readers.Contains(reader), reader);
                if (index - first < chunks.Count) return chunks[(int)(index - first)];
                if (failure is not null) throw new IOException($"Reading the source failed: {failure.Message}", failure);
                if (ended) return null;
                signal = !reading && chunks.Count < window ? null : changed.Task;
                reading |= signal is null;
            }
            if (signal is null) await ReadNextAsync().ConfigureAwait(false);
            else await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="reader"/> is done with every chunk before number <paramref name="next"/>.</summary>
    public void Took(SharedSourceReader reader, long next)
    {
        lock (gate)
        {
            reader.ChunkNumber = next;
            Trim();
        }
    }

    /// <summary><paramref name="reader"/> was disposed: it no longer holds chunks back.</summary>
    public void Leave(SharedSourceReader reader)
    {
        lock (gate)
        {
            if (!readers.Remove(reader)) return;
            abandoned |= readers.Count == 0;
            Trim();
        }
        CloseIfDone();
    }

    private async Task ReadNextAsync()
    {
        var chunk = new byte[chunkSize];
        var read = 0;
        Exception? error = null;
        try
        {
            // Not cancellable: the read is shared, and a reader that gives up must not spoil it for the others.
            source ??= open();
            read = await source.ReadAtLeastAsync(chunk, chunkSize, throwOnEndOfStream: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }
        lock (gate)
        {
            reading = false;
            failure = error;
            if (read > 0) chunks.Add(read == chunkSize ? chunk : chunk[..read]);
            ended |= error is null && read < chunkSize;
            Signal();
        }
        CloseIfDone();
    }

    // Drops the chunks every reader has passed (all of them once nobody is left) and wakes whoever waits for room.
    private void Trim()
    {
        var oldest = first + chunks.Count;
        foreach (var reader in readers) oldest = Math.Min(oldest, reader.ChunkNumber);
        var drop = (int)(oldest - first);
        if (drop == 0) return;
        chunks.RemoveRange(0, drop);
        first = oldest;
        Signal();
    }

    private void Signal()
    {
        var woken = changed;
        changed = NewSignal();
        woken.TrySetResult();
    }

    private void CloseIfDone()
    {
        Stream? done;
        lock (gate)
        {
            if (reading || source is null || !(ended || abandoned || failure is not null)) return;
            (done, source) = (source, null);
        }
        done.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
