using System.Collections.Concurrent;

namespace Rmote.Agent.Dispatch;

/// <summary>
/// The cancellation source of every running call, by request id, so a CANCEL frame can reach it. A CANCEL may overtake
/// its request (the host abandons a call the moment its caller gives up, while the request is still being written or
/// is queued behind a large frame): such an early CANCEL is remembered, and the call starts cancelled.
/// </summary>
internal sealed class CallRegistry(CancellationToken connectionClosing)
{
    // Early CANCELs for requests that never come (abandoned before they were sent) must not pile up.
    private const int MaxEarlyCancels = 4096;

    // Credit of streaming calls; more than this many at once only comes from a host granting credit to plain calls.
    private const int MaxStreams = 65536;

    private readonly ConcurrentDictionary<ulong, CancellationTokenSource> running = new();
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> credits = new();
    private readonly HashSet<ulong> early = [];
    private readonly Lock gate = new();

    /// <summary>Registers a call; its token is cancelled by <see cref="Cancel"/> or when the connection closes.</summary>
    public CancellationTokenSource Start(ulong id)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(connectionClosing);
        bool cancelled;
        lock (gate)
        {
            running[id] = source;
            cancelled = early.Count > 0 && early.Remove(id);
        }
        if (cancelled) source.Cancel();
        return source;
    }

    /// <summary>Unregisters a finished call.</summary>
    public void Finish(ulong id, CancellationTokenSource source)
    {
        running.TryRemove(new KeyValuePair<ulong, CancellationTokenSource>(id, source));
        source.Dispose();
        if (!credits.IsEmpty) CloseStream(id);
    }

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, until no call runs: once the connection is closing every call's token has
    /// fired, and a tool that honours it (a process it started is killed, its <c>finally</c> runs) ends within moments.
    /// The agent must not exit before: a process a tool started would be left running without it.
    /// </summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!running.IsEmpty && clock.Elapsed < limit) await Task.Delay(10).ConfigureAwait(false);
    }

    /// <summary>
    /// The credit of streaming call <paramref name="id"/>: one count per item the host granted (STREAM_DEMAND). The
    /// demand right behind the request may have been handled before the call starts: then the credit exists already.
    /// </summary>
    public SemaphoreSlim OpenStream(ulong id)
    {
        lock (gate)
        {
            return credits.GetOrAdd(id, static _ => new SemaphoreSlim(0));
        }
    }

    /// <summary>Adds <paramref name="items"/> to the credit of running call <paramref name="id"/>; ignored when it is not running.</summary>
    public void Grant(ulong id, int items)
    {
        lock (gate)
        {
            if (!running.ContainsKey(id)) return;
            if (!credits.TryGetValue(id, out var credit))
            {
                if (credits.Count >= MaxStreams) return;
                credits[id] = credit = new SemaphoreSlim(0);
            }
            try
            {
                credit.Release(items);
            }
            catch (SemaphoreFullException)
            {
                // More than int.MaxValue items outstanding: the stream can never use them all anyway.
            }
        }
    }

    /// <summary>Forgets the credit of streaming call <paramref name="id"/>.</summary>
    public void CloseStream(ulong id)
    {
        lock (gate)
        {
            if (credits.TryRemove(id, out var credit)) credit.Dispose();
        }
    }

    /// <summary>Cancels the call with request id <paramref name="id"/>, or remembers the CANCEL until its request arrives.</summary>
    public void Cancel(ulong id)
    {
        CancellationTokenSource? source;
        lock (gate)
        {
            if (!running.TryGetValue(id, out source))
            {
                if (early.Count >= MaxEarlyCancels) early.Clear();
                early.Add(id);
                return;
            }
        }
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished meanwhile.
        }
    }
}
