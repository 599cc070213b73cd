using System.Collections.Concurrent;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

/// <summary>
/// The correlation table: request id → waiting call. It is the <see cref="RpcCorrelator"/>'s state, shared with the
/// callers (who register) and the reader (which completes) so that a round trip costs no actor hop; every exit path
/// removes the entry first, so a call ends exactly once — by its response, its cancellation or the link going down.
/// </summary>
internal sealed class PendingCalls
{
    private readonly ConcurrentDictionary<ulong, PendingCall> calls = new();
    private Exception? closedReason;

    /// <summary>Number of calls waiting for a response.</summary>
    public int Count => calls.Count;

    /// <summary>Registers a call; throws the close reason when the link is already down.</summary>
    public PendingCall Register(ulong id)
    {
        var call = new PendingCall(id);
        calls[id] = call;
        // Close may have run between the caller's check and the insert: re-check so nobody waits on a dead link.
        if (Volatile.Read(ref closedReason) is { } reason && calls.TryRemove(id, out _)) throw reason;
        return call;
    }

    /// <summary>Completes the call waiting for <paramref name="response"/>; false when no call has that id.</summary>
    public bool TryComplete(in Frame response)
    {
        if (!calls.TryRemove(response.Id, out var call)) return false;
        call.Registration.Dispose();
        call.TrySetResult(response);
        return true;
    }

    /// <summary>Ends the call with <paramref name="failure"/> unless it already ended; true when this ended it.</summary>
    public bool TryFail(ulong id, Exception failure)
    {
        if (!calls.TryRemove(id, out var call)) return false;
        call.Registration.Dispose();
        call.TrySetException(failure);
        return true;
    }

    /// <summary>Fails every waiting call and every later registration with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        Interlocked.CompareExchange(ref closedReason, reason, null);
        foreach (var id in calls.Keys) TryFail(id, reason);
    }

    /// <summary>Why the table was closed, or <see langword="null"/> while it is open.</summary>
    public Exception? ClosedReason => Volatile.Read(ref closedReason);
}
