using System.Collections.Concurrent;

namespace Rmote.Actors.Links;

/// <summary>
/// What <see cref="PendingCalls"/> and <see cref="PendingStreams"/> share: entries by request id, shared by callers
/// (who register), the reader (which completes) and the link (which closes the table when it goes down). Every exit
/// path removes the entry first, so an entry ends exactly once; a registration racing the close is undone and throws
/// the close reason, so nobody waits on a dead link.
/// </summary>
internal abstract class PendingTable<T> where T : class
{
    private readonly ConcurrentDictionary<ulong, T> entries = new();
    private Exception? closedReason;

    /// <summary>Number of open entries.</summary>
    public int Count => entries.Count;

    /// <summary>Why the table was closed, or <see langword="null"/> while it is open.</summary>
    public Exception? ClosedReason => Volatile.Read(ref closedReason);

    /// <summary>Ends entry <paramref name="id"/> with <paramref name="failure"/> unless it already ended; true when this ended it.</summary>
    public bool TryFail(ulong id, Exception failure)
    {
        if (!entries.TryRemove(id, out var entry)) return false;
        Fail(entry, failure);
        return true;
    }

    /// <summary>Fails every open entry and every later registration with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        Interlocked.CompareExchange(ref closedReason, reason, null);
        foreach (var id in entries.Keys) TryFail(id, reason);
    }

    /// <summary>Adds <paramref name="entry"/> under <paramref name="id"/>; throws the close reason when the table is closed.</summary>
    protected T Add(ulong id, T entry)
    {
        entries[id] = entry;
        // Close may have run between the caller's check and the insert: re-check.
        if (ClosedReason is { } reason && entries.TryRemove(id, out _)) throw reason;
        return entry;
    }

    /// <summary>The open entry <paramref name="id"/>, left in the table.</summary>
    protected bool TryGet(ulong id, out T entry) => entries.TryGetValue(id, out entry!);

    /// <summary>Takes the open entry <paramref name="id"/> out of the table (whoever takes it ends it).</summary>
    protected bool TryTake(ulong id, out T entry) => entries.TryRemove(id, out entry!);

    /// <summary>Ends <paramref name="entry"/>, already taken out of the table, with <paramref name="failure"/>.</summary>
    protected abstract void Fail(T entry, Exception failure);
}
