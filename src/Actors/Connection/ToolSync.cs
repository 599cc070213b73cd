using System.Reflection;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Connection;

/// <summary>
/// Knows which tool assemblies the agent has. The first call of any tool of an assembly sends its image (SYNC); calls
/// racing in meanwhile wait for the same reply, so each assembly is sent exactly once per link. It also answers the
/// agent's requests for dependency assemblies (mitogen-style forwarding) from what the host itself has loaded.
/// </summary>
internal sealed class ToolSync : ReceiveActor
{
    private readonly Dictionary<Assembly, List<TaskCompletionSource>> waiting = [];
    private readonly Dictionary<ulong, Assembly> inFlight = [];
    private readonly Func<Session> session;
    private readonly ILogger logger;

    /// <summary>A caller needs <see cref="Assembly"/> on the agent; <see cref="Done"/> completes when it is there.</summary>
    public sealed record EnsureSynced(Assembly Assembly, TaskCompletionSource Done);

    /// <summary>The reader got a SYNC response or a DEPENDENCY request.</summary>
    public sealed record Incoming(Frame Frame);

    public ToolSync(Func<Session> session, ILogger logger)
    {
        this.session = session;
        this.logger = logger;
        Receive<EnsureSynced>(OnEnsureSynced);
        Receive<Incoming>(m => m.Frame.Has(FrameFlags.Dependency), m => OnDependencyRequest(m.Frame));
        Receive<Incoming>(m => OnSyncReply(m.Frame));
    }

    protected override void PostStop()
    {
        var reason = session().Calls.ClosedReason ?? new ConnectionLostException("The connection stopped before the tool assembly was synced.");
        foreach (var done in waiting.Values.SelectMany(w => w)) done.TrySetException(reason);
        waiting.Clear();
    }

    private void OnEnsureSynced(EnsureSynced request)
    {
        var link = session();
        if (!ToolAssemblies.NeedsSync(request.Assembly))
        {
            link.ToolSync.MarkSynced(request.Assembly);
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
        var id = link.NextId();
        waiting[request.Assembly] = [request.Done];
        inFlight[id] = request.Assembly;
        link.ToolSync.CountSync();
        logger.LogDebug("Syncing {Assembly} ({Bytes} bytes) to {Target}", request.Assembly.GetName().Name, image.Length, link.Target);
        if (!link.TrySend(ProtocolMessages.Sync(id, image)))
            _ = link.SendAsync(ProtocolMessages.Sync(id, image), CancellationToken.None).AsTask();
    }

    private void OnSyncReply(Frame frame)
    {
        if (!inFlight.Remove(frame.Id, out var assembly))
        {
            logger.LogWarning("Ignoring a SYNC response for unknown request id {Id}", frame.Id);
            return;
        }
        var waiters = waiting[assembly];
        waiting.Remove(assembly);
        if (frame.IsException)
        {
            // Not marked synced: the next first call tries again (and sees the agent's error again if it persists).
            var failure = ProtocolMessages.ReadException(frame).ToException();
            foreach (var done in waiters) done.TrySetException(failure);
            return;
        }
        session().ToolSync.MarkSynced(assembly);
        foreach (var done in waiters) done.TrySetResult();
    }

    private void OnDependencyRequest(Frame frame)
    {
        var name = ProtocolMessages.ReadAssemblyName(frame);
        var image = ToolAssemblies.FindDependency(name);
        logger.LogDebug("Agent asked for {Assembly}: {Answer}", name, image is null ? "not found" : $"{image.Length} bytes");
        var reply = ProtocolMessages.DependencyReply(frame.Id, image ?? ReadOnlyMemory<byte>.Empty);
        if (!session().TrySend(reply)) _ = session().SendAsync(reply, CancellationToken.None).AsTask();
    }
}
