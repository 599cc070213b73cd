using System.Collections.Concurrent;
using System.Reflection;

namespace Rmote.Actors.Links;

/// <summary>
/// The callers' side of <see cref="ToolSync"/>: a lock-free check of the assemblies already synced on this link, and
/// for a first call an ask to the actor, which coalesces racing first calls into exactly one SYNC. A call need not
/// wait for the agent's reply to the SYNC: once the SYNC is queued, a request queued after it reaches the agent after
/// it, and the agent loads a SYNC before it reads the next frame (<see cref="SyncAheadAsync"/>).
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
        synced.ContainsKey(assembly) ? ValueTask.CompletedTask : new(ConfirmedAsync(assembly, cancellationToken));

    /// <summary>
    /// Completes once <paramref name="assembly"/>'s SYNC is in the writer's queue (or none is needed), so a frame
    /// queued from now on reaches the agent after it; the result is the agent's confirmation, which fails with its
    /// refusal (say, an image it cannot load). Saves the SYNC round trip on a connection's first call.
    /// </summary>
    public ValueTask<Task> SyncAheadAsync(Assembly assembly, CancellationToken cancellationToken) =>
        synced.ContainsKey(assembly) ? new(Task.CompletedTask) : new(RequestAsync(assembly, cancellationToken));

    /// <summary>Whether the agent has confirmed <paramref name="assembly"/>.</summary>
    internal bool IsSynced(Assembly assembly) => synced.ContainsKey(assembly);

    /// <summary>Called by the actor when the agent confirmed the assembly.</summary>
    internal void MarkSynced(Assembly assembly) => synced[assembly] = true;

    /// <summary>Called by the actor when it sends a SYNC frame.</summary>
    internal void CountSync() => Interlocked.Increment(ref syncCount);

    /// <summary>Fails later first calls with <paramref name="reason"/>.</summary>
    internal void Close(Exception reason) => closedReason = reason;

    private async Task ConfirmedAsync(Assembly assembly, CancellationToken cancellationToken) =>
        await (await RequestAsync(assembly, cancellationToken).ConfigureAwait(false)).WaitAsync(cancellationToken).ConfigureAwait(false);

    private async Task<Task> RequestAsync(Assembly assembly, CancellationToken cancellationToken)
    {
        if (closedReason is { } reason) throw reason;
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A caller that got its answer (or gave up) before the confirmation never looks at it: a refusal is not lost,
        // the next first call sees it again, but it must not surface as an unobserved task exception.
        _ = done.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        toolSync.Tell(new ToolSync.EnsureSynced(assembly, queued, done), ActorRefs.NoSender);
        await queued.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return done.Task;
    }
}
