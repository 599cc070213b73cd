using System.Reflection;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// Knows which tool assemblies the agent has. The first call of any tool of an assembly sends its image (SYNC); calls
/// racing in meanwhile share that SYNC, so each assembly is sent exactly once per link. A caller learns two things:
/// when the SYNC is in the writer's queue (a request queued after it cannot overtake it, and the agent loads a SYNC
/// before it reads the next frame, so the call may go right behind it without waiting for the reply), and the agent's
/// reply. It also answers the agent's requests for dependency assemblies (mitogen-style forwarding) from what the host
/// itself has loaded.
/// </summary>
internal sealed class ToolSync : ReceiveActor
{
    private readonly Dictionary<Assembly, PendingSync> waiting = [];
    private readonly Dictionary<ulong, Assembly> inFlight = [];
    private readonly Func<Link> link;
    private readonly ILogger logger;

    /// <summary>
    /// A caller needs <see cref="Assembly"/> on the agent: <see cref="Queued"/> completes once its SYNC is in the
    /// writer's queue (or none is needed), <see cref="Done"/> once the agent has confirmed it. A SYNC that fails before
    /// it is queued fails both.
    /// </summary>
    public sealed record EnsureSynced(Assembly Assembly, TaskCompletionSource Queued, TaskCompletionSource Done);

    /// <summary>The reader got a SYNC response or a DEPENDENCY request.</summary>
    public sealed record Incoming(Frame Frame);

    /// <summary>A send that had to wait for room in the writer's queue went out (<see cref="SyncId"/>: the SYNC's id, if it was one).</summary>
    private sealed record SendDone(ulong? SyncId) : IDeadLetterSuppression;

    /// <summary>A send that had to wait failed: the link closed before the frame was queued.</summary>
    private sealed record SendFailed(ulong? SyncId, Exception Failure) : IDeadLetterSuppression;

    /// <summary>The callers sharing one SYNC; <see cref="Sent"/> once its frame is in the writer's queue.</summary>
    private sealed class PendingSync(EnsureSynced first)
    {
        public List<EnsureSynced> Callers { get; } = [first];

        public bool Sent { get; private set; }

        public void Add(EnsureSynced caller)
        {
            Callers.Add(caller);
            if (Sent) caller.Queued.TrySetResult();
        }

        public void MarkSent()
        {
            Sent = true;
            foreach (var caller in Callers) caller.Queued.TrySetResult();
        }

        public void Fail(Exception failure)
        {
            foreach (var caller in Callers)
            {
                caller.Queued.TrySetException(failure);
                caller.Done.TrySetException(failure);
            }
        }
    }

    public ToolSync(Func<Link> link, ILogger logger)
    {
        this.link = link;
        this.logger = logger;
        Receive<EnsureSynced>(OnEnsureSynced);
        Receive<Incoming>(m => m.Frame.Has(FrameFlags.Dependency), m => OnDependencyRequest(m.Frame));
        Receive<Incoming>(m => OnSyncReply(m.Frame));
        Receive<SendDone>(done => { if (done.SyncId is { } id && inFlight.TryGetValue(id, out var assembly)) waiting[assembly].MarkSent(); });
        Receive<SendFailed>(failed => { if (failed.SyncId is { } id) FailSync(id, failed.Failure); });
    }

    protected override void PostStop()
    {
        var reason = link().Calls.ClosedReason ?? new ConnectionLostException("The connection stopped before the tool assembly was synced.");
        foreach (var pending in waiting.Values) pending.Fail(reason);
        waiting.Clear();
    }

    private void OnEnsureSynced(EnsureSynced request)
    {
        var current = link();
        // Confirmed while this request was on its way: a caller that got its answer before the confirmation reached
        // this actor (the reader hands a SYNC reply here, a call's response straight to its caller) asks again.
        if (current.ToolSync.IsSynced(request.Assembly))
        {
            request.Queued.TrySetResult();
            request.Done.TrySetResult();
            return;
        }
        if (!ToolAssemblies.NeedsSync(request.Assembly))
        {
            current.ToolSync.MarkSynced(request.Assembly);
            request.Queued.TrySetResult();
            request.Done.TrySetResult();
            return;
        }
        if (waiting.TryGetValue(request.Assembly, out var pending))
        {
            pending.Add(request);   // a SYNC for it is on its way: share it
            return;
        }
        byte[] image;
        try
        {
            image = ToolAssemblies.ReadImage(request.Assembly);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            new PendingSync(request).Fail(new InvalidOperationException(
                $"Cannot send tool assembly '{request.Assembly.GetName().Name}' to the agent: {failure.Message}", failure));
            return;
        }
        var id = current.NextId();
        var sync = new PendingSync(request);
        waiting[request.Assembly] = sync;
        inFlight[id] = request.Assembly;
        current.ToolSync.CountSync();
        logger.LogDebug("Syncing {Assembly} ({Bytes} bytes) to {Target}", request.Assembly.GetName().Name, image.Length, current.Target);
        if (Send(ProtocolMessages.Sync(id, image), syncId: id)) sync.MarkSent();
    }

    private void OnSyncReply(Frame frame)
    {
        if (!inFlight.ContainsKey(frame.Id))
        {
            logger.LogWarning("Ignoring a SYNC response for unknown request id {Id}", frame.Id);
            return;
        }
        if (frame.IsException)
        {
            // Not marked synced: the next first call tries again (and sees the agent's error again if it persists).
            FailSync(frame.Id, ProtocolMessages.ReadException(frame).ToException());
            return;
        }
        inFlight.Remove(frame.Id, out var assembly);
        waiting.Remove(assembly!, out var pending);
        link().ToolSync.MarkSynced(assembly!);
        foreach (var caller in pending!.Callers)
        {
            caller.Queued.TrySetResult();   // an agent that answers has read it
            caller.Done.TrySetResult();
        }
    }

    private void FailSync(ulong id, Exception failure)
    {
        if (inFlight.Remove(id, out var assembly) && waiting.Remove(assembly, out var pending)) pending.Fail(failure);
    }

    private void OnDependencyRequest(Frame frame)
    {
        var name = ProtocolMessages.ReadAssemblyName(frame);
        var image = ToolAssemblies.FindDependency(name);
        logger.LogDebug("Agent asked for {Assembly}: {Answer}", name, image is null ? "not found" : $"{image.Length} bytes");
        Send(ProtocolMessages.DependencyReply(frame.Id, image ?? ReadOnlyMemory<byte>.Empty), syncId: null);
    }

    // Inline when the writer's queue has room (true); else the send waits for room, and its outcome comes back as a
    // message: a SYNC's callers learn it is queued, or fail with it when the link closed meanwhile.
    private bool Send(Frame frame, ulong? syncId)
    {
        if (link().TrySend(frame)) return true;
        link().SendAsync(frame, CancellationToken.None).AsTask().PipeTo(Self, success: () => new SendDone(syncId), failure: e => new SendFailed(syncId, e));
        return false;
    }
}
