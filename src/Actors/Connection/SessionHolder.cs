namespace Rmote.Actors.Connection;

/// <summary>
/// Hands the current <see cref="Session"/> to callers. While the connection is (re)connecting callers wait; once it
/// has given up for good they fail fast with the terminal reason. Shared by the facade and the connection actor.
/// </summary>
internal sealed class SessionHolder
{
    private readonly object gate = new();
    private TaskCompletionSource<Session> current = NewSource();
    private readonly List<Task> shutdowns = [];

    /// <summary>The live session, or waits for the next one.</summary>
    public ValueTask<Session> GetAsync(CancellationToken cancellationToken)
    {
        var task = Volatile.Read(ref current).Task;
        if (task.IsCompletedSuccessfully && !task.Result.IsClosed) return new(task.Result);
        return new(WaitAsync(task, cancellationToken));
    }

    /// <summary>Publishes a newly connected session.</summary>
    public void Publish(Session session)
    {
        lock (gate)
        {
            if (!current.TrySetResult(session)) { current = NewSource(); current.SetResult(session); }
        }
    }

    /// <summary>The link went down and a reconnect will follow: later callers wait for it.</summary>
    public void Reconnecting()
    {
        lock (gate)
        {
            if (current.Task.IsCompleted && !current.Task.IsFaulted) current = NewSource();
        }
    }

    /// <summary>No session will come any more: waiting and later callers fail with <paramref name="reason"/>.</summary>
    public void Fail(Exception reason)
    {
        lock (gate)
        {
            if (!current.TrySetException(reason) && !current.Task.IsFaulted)
            {
                current = NewSource();
                current.SetException(reason);
            }
        }
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

    private static async Task<Session> WaitAsync(Task<Session> task, CancellationToken cancellationToken)
    {
        var session = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A closed session that is still current means the connection is going down: report why.
        return session.IsClosed ? throw session.Calls.ClosedReason! : session;
    }

    private static TaskCompletionSource<Session> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
