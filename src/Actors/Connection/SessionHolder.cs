namespace Rmote.Actors.Connection;

/// <summary>
/// Hands the current <see cref="Session"/> to callers and keeps the connection's <see cref="ConnectionState"/>. While
/// the connection is (re)connecting callers wait; once it has given up for good they fail fast with the terminal
/// reason. Shared by the facade and the connection actors.
/// </summary>
internal sealed class SessionHolder
{
    private readonly object gate = new();
    private readonly List<Task> shutdowns = [];
    private readonly StateNotifier notifier;
    private TaskCompletionSource<Session> current = NewSource();
    private volatile ConnectionState state = ConnectionState.Connecting;

    /// <summary>Creates a holder; <paramref name="stateChanged"/> sees every state change, in order.</summary>
    public SessionHolder(Action<ConnectionState, Exception?>? stateChanged = null) => notifier = new StateNotifier(stateChanged);

    /// <summary>The connection's state.</summary>
    public ConnectionState State => state;

    /// <summary>Whether the connection is closed for good (no reconnect may follow).</summary>
    public bool IsClosed => state == ConnectionState.Closed;

    /// <summary>The live session, or waits for the next one.</summary>
    public ValueTask<Session> GetAsync(CancellationToken cancellationToken)
    {
        var task = Volatile.Read(ref current).Task;
        if (task.IsCompletedSuccessfully && !task.Result.IsClosed) return new(task.Result);
        return new(WaitAsync(task, cancellationToken));
    }

    /// <summary>The live session, if there is one right now.</summary>
    public Session? Live =>
        Volatile.Read(ref current).Task is { IsCompletedSuccessfully: true, Result: { IsClosed: false } live } ? live : null;

    /// <summary>Publishes a newly connected session.</summary>
    public void Publish(Session session)
    {
        lock (gate)
        {
            if (state == ConnectionState.Closed) return;
            if (!current.TrySetResult(session)) { current = NewSource(); current.SetResult(session); }
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

    /// <summary>No session will come any more: waiting and later callers fail with <paramref name="reason"/>.</summary>
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

    private static async Task<Session> WaitAsync(Task<Session> task, CancellationToken cancellationToken)
    {
        var session = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A closed session that is still current means the connection is going down: report why.
        return session.IsClosed ? throw session.Calls.ClosedReason! : session;
    }

    private static TaskCompletionSource<Session> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
