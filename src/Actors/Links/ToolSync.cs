using System.Reflection;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// Knows which tool assemblies the agent has. The first call of any tool of an assembly sends its image (SYNC); calls
/// racing in meanwhile wait for the same reply, so each assembly is sent exactly once per link. It also answers the
/// agent's requests for dependency assemblies (mitogen-style forwarding) from what the host itself has loaded.
/// </summary>
internal sealed class ToolSync : ReceiveActor
{
    private readonly Dictionary<Assembly, List<TaskCompletionSource>> waiting = [];
    private readonly Dictionary<ulong, Assembly> inFlight = [];
    private readonly Func<Link> link;
    private readonly ILogger logger;

    /// <summary>A caller needs <see cref="Assembly"/> on the agent; <see cref="Done"/> completes when it is there.</summary>
    public sealed record EnsureSynced(Assembly Assembly, TaskCompletionSource Done);

    /// <summary>The reader got a SYNC response or a DEPENDENCY request.</summary>
    public sealed record Incoming(Frame Frame);

    /// <summary>A send that had to wait for room in the writer's queue went out.</summary>
    private sealed record SendDone : IDeadLetterSuppression
    {
        public static readonly SendDone Instance = new();
    }

    /// <summary>A send that had to wait failed: the link closed before the frame was queued.</summary>
    private sealed record SendFailed(ulong Id, Exception Failure) : IDeadLetterSuppression;

    public ToolSync(Func<Link> link, ILogger logger)
    {
        this.link = link;
        this.logger = logger;
        Receive<EnsureSynced>(OnEnsureSynced);
        Receive<Incoming>(m => m.Frame.Has(FrameFlags.Dependency), m => OnDependencyRequest(m.Frame));
        Receive<Incoming>(m => OnSyncReply(m.Frame));
        Receive<SendDone>(_ => { });
        Receive<SendFailed>(failed => FailSync(failed.Id, failed.Failure));
    }

    protected override void PostStop()
    {
        var reason = link().Calls.ClosedReason ?? new ConnectionLostException("The connection stopped before the tool assembly was synced.");
        foreach (var done in waiting.Values.SelectMany(w => w)) done.TrySetException(reason);
        waiting.Clear();
    }

    private void OnEnsureSynced(EnsureSynced request)
    {
        var current = link();
        if (!ToolAssemblies.NeedsSync(request.Assembly))
        {
            current.ToolSync.MarkSynced(request.Assembly);
            request.Done.TrySetResult();
            return;
        }
        if (waiting.TryGetValue(request.Assembly, out var list))
        {
            list.Add(request.Done);   // a SYNC for it is on its way: share its reply
            return;
        }
        byte[] image;
        try
        {
            image = ToolAssemblies.ReadImage(request.Assembly);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            request.Done.TrySetException(new InvalidOperationException(
                $"Cannot send tool assembly '{request.Assembly.GetName().Name}' to the agent: {failure.Message}", failure));
            return;
        }
        var id = current.NextId();
        waiting[request.Assembly] = [request.Done];
        inFlight[id] = request.Assembly;
        current.ToolSync.CountSync();
        logger.LogDebug("Syncing {Assembly} ({Bytes} bytes) to {Target}", request.Assembly.GetName().Name, image.Length, current.Target);
        Send(ProtocolMessages.Sync(id, image));
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
        waiting.Remove(assembly!, out var waiters);
        link().ToolSync.MarkSynced(assembly!);
        foreach (var done in waiters!) done.TrySetResult();
    }

    // A dependency reply has no waiters: only a SYNC's id is in flight.
    private void FailSync(ulong id, Exception failure)
    {
        if (!inFlight.Remove(id, out var assembly) || !waiting.Remove(assembly, out var waiters)) return;
        foreach (var done in waiters) done.TrySetException(failure);
    }

    private void OnDependencyRequest(Frame frame)
    {
        var name = ProtocolMessages.ReadAssemblyName(frame);
        var image = ToolAssemblies.FindDependency(name);
        logger.LogDebug("Agent asked for {Assembly}: {Answer}", name, image is null ? "not found" : $"{image.Length} bytes");
        Send(ProtocolMessages.DependencyReply(frame.Id, image ?? ReadOnlyMemory<byte>.Empty));
    }

    // Inline when the writer's queue has room; else the send waits for room, and its outcome comes back as a message:
    // a send that fails (the link closed meanwhile) must not go unnoticed — the waiters of a SYNC fail with it.
    private void Send(Frame frame)
    {
        if (link().TrySend(frame)) return;
        link().SendAsync(frame, CancellationToken.None).AsTask().PipeTo(Self, success: () => SendDone.Instance, failure: e => new SendFailed(frame.Id, e));
    }
}
