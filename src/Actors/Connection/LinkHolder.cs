using Rmote.Actors.Links;

namespace Rmote.Actors.Connection;

/// <summary>
/// Hands the current <see cref="Link"/> to callers and keeps the connection's <see cref="ConnectionState"/>. While
/// the connection is (re)connecting callers wait; once it has given up for good they fail fast with the terminal
/// reason. Shared by the facade and the connection actors.
/// </summary>
internal sealed class LinkHolder
{
    private readonly object gate = new();
    private readonly List<Task> shutdowns = [];
    private readonly StateNotifier notifier;
    private TaskCompletionSource<Link> current = NewSource();
    private volatile ConnectionState state = ConnectionState.Connecting;

    /// <summary>Creates a holder; <paramref name="stateChanged"/> sees every state change, in order.</summary>
    public LinkHolder(Action<ConnectionState, Exception?>? stateChanged = null) => notifier = new StateNotifier(stateChanged);

    /// <summary>The connection's state.</summary>
    public ConnectionState State => state;

    /// <summary>Whether the connection is closed for good (no reconnect may follow).</summary>
    public bool IsClosed => state == ConnectionState.Closed;

    /// <summary>The live link, or waits for the next one.</summary>
    public ValueTask<Link> GetAsync(CancellationToken cancellationToken)
    {
        var task = Volatile.Read(ref current).Task;
        if (task.IsCompletedSuccessfully && !task.Result.IsClosed) return new(task.Result);
        return new(WaitAsync(task, cancellationToken));
    }

    /// <summary>The live link, if there is one right now.</summary>
    public Link? Live =>
        Volatile.Read(ref current).Task is { IsCompletedSuccessfully: true, Result: { IsClosed: false } live } ? live : null;

    /// <summary>Publishes a newly connected link.</summary>
    public void Publish(Link link)
    {
        lock (gate)
        {
            if (state == ConnectionState.Closed) return;
            if (!current.TrySetResult(link)) { current = NewSource(); current.SetResult(link); }
            Transition(ConnectionState.Connected, null);
        }
        notifier.Deliver();
    }

    /// <summary>The link went down and a reconnect will follow: later callers wait for it.</summary>
    public void Reconnecting(Exception reason)
    {
        lock (gate)
        {
            if (state == ConnectionState.Closed) return;
            if (current.Task.IsCompleted) current = NewSource();
            if (state != ConnectionState.Reconnecting) Transition(ConnectionState.Reconnecting, reason);
        }
        notifier.Deliver();
    }

    /// <summary>No link will come any more: waiting and later callers fail with <paramref name="reason"/>.</summary>
    public void Fail(Exception reason)
    {
        lock (gate)
        {
            if (state == ConnectionState.Closed) return;
            if (!current.TrySetException(reason))
            {
                current = NewSource();
                current.SetException(reason);
            }
            Transition(ConnectionState.Closed, reason);
        }
        notifier.Deliver();
    }

    /// <summary>Records work that must finish before the connection is fully disposed (reaping a process).</summary>
    public void TrackShutdown(Task shutdown)
    {
        lock (gate) shutdowns.Add(shutdown);
    }

    /// <summary>Completes when every tracked shutdown has finished.</summary>
    public Task WhenShutDown()
    {
        lock (gate) return Task.WhenAll(shutdowns);
    }

    // Under the lock: the state and the order of notifications change together.
    private void Transition(ConnectionState next, Exception? reason)
    {
        state = next;
        notifier.Enqueue(next, reason);
    }

    private static async Task<Link> WaitAsync(Task<Link> task, CancellationToken cancellationToken)
    {
        var link = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A closed link that is still current means the connection is going down: report why.
        return link.IsClosed ? throw link.Calls.ClosedReason! : link;
    }

    private static TaskCompletionSource<Link> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
