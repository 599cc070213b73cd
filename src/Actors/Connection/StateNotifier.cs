using System.Collections.Concurrent;

namespace Rmote.Actors.Connection;

/// <summary>
/// Delivers state changes to an observer in the order they happened, outside the holder's lock and never two at once
/// (whichever thread finds the queue non-empty drains it), so an observer may call back into the connection freely.
/// An observer's exception is swallowed: it must not take the connection down.
/// </summary>
internal sealed class StateNotifier(Action<ConnectionState, Exception?>? observer)
{
    private readonly ConcurrentQueue<(ConnectionState State, Exception? Reason)> pending = new();
    private int delivering;

    /// <summary>Queues a change (called under the holder's lock, so the queue order is the change order).</summary>
    public void Enqueue(ConnectionState state, Exception? reason)
    {
        if (observer is not null) pending.Enqueue((state, reason));
    }

    /// <summary>Delivers what is queued unless another thread is delivering already.</summary>
    public void Deliver()
    {
        while (!pending.IsEmpty && Interlocked.CompareExchange(ref delivering, 1, 0) == 0)
        {
            try
            {
                while (pending.TryDequeue(out var change))
                {
                    try
                    {
                        observer!(change.State, change.Reason);
                    }
                    catch (Exception)
                    {
                        // An observer's bug is not the connection's failure.
                    }
                }
            }
            finally
            {
                Volatile.Write(ref delivering, 0);
            }
        }
    }
}
