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

    private readonly ConcurrentDictionary<ulong, CancellationTokenSource> running = new();
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
