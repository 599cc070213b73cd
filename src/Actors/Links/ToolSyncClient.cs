using System.Collections.Concurrent;
using System.Reflection;

namespace Rmote.Actors.Links;

/// <summary>
/// The callers' side of <see cref="ToolSync"/>: a lock-free check of the assemblies already synced on this link, and
/// for a first call an ask to the actor, which coalesces racing first calls into exactly one SYNC.
/// </summary>
internal sealed class ToolSyncClient(IActorRef toolSync)
{
    private readonly ConcurrentDictionary<Assembly, bool> synced = new();
    private volatile Exception? closedReason;

    /// <summary>Number of SYNC frames this link has sent (each assembly at most once).</summary>
    public int SyncCount => Volatile.Read(ref syncCount);

    private int syncCount;

    /// <summary>Completes when <paramref name="assembly"/> is loaded on the agent (or needs no sync).</summary>
    public ValueTask EnsureSyncedAsync(Assembly assembly, CancellationToken cancellationToken) =>
        synced.ContainsKey(assembly) ? ValueTask.CompletedTask : new(RequestAsync(assembly, cancellationToken));

    /// <summary>Called by the actor when the agent confirmed the assembly.</summary>
    internal void MarkSynced(Assembly assembly) => synced[assembly] = true;

    /// <summary>Called by the actor when it sends a SYNC frame.</summary>
    internal void CountSync() => Interlocked.Increment(ref syncCount);

    /// <summary>Fails later first calls with <paramref name="reason"/>.</summary>
    internal void Close(Exception reason) => closedReason = reason;

    private async Task RequestAsync(Assembly assembly, CancellationToken cancellationToken)
    {
        if (closedReason is { } reason) throw reason;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        toolSync.Tell(new ToolSync.EnsureSynced(assembly, done), ActorRefs.NoSender);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
