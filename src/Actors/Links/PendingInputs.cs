using System.Collections.Concurrent;

namespace Rmote.Actors.Links;

/// <summary>
/// The credit of each call the host streams input to (an upload), by request id: the agent's STREAM_DEMAND frames add
/// to it, the host's pump takes one count per chunk it sends. A demand for a call that has no input is dropped.
/// </summary>
internal sealed class PendingInputs
{
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> credits = new();

    /// <summary>Opens the (empty) credit of call <paramref name="id"/>, before its request is sent.</summary>
    public SemaphoreSlim Open(ulong id) => credits[id] = new SemaphoreSlim(0);

    /// <summary>Adds <paramref name="items"/> chunks to call <paramref name="id"/>'s credit; false when it has no input.</summary>
    public bool TryGrant(ulong id, int items)
    {
        if (!credits.TryGetValue(id, out var credit)) return false;
        try
        {
            credit.Release(items);
        }
        catch (Exception failure) when (failure is SemaphoreFullException or ObjectDisposedException)
        {
            // More credit than can ever be used, or the input has just ended.
        }
        return true;
    }

    /// <summary>Forgets call <paramref name="id"/>'s credit (the call ended).</summary>
    public void Close(ulong id)
    {
        if (credits.TryRemove(id, out var credit)) credit.Dispose();
    }
}
