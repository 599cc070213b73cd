using Akka.Cluster.Sharding;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Cluster;

/// <summary>
/// One target host as a sharded entity: it owns the host's connection actor (its child, so the whole cluster holds
/// exactly one live connection per host) and turns <see cref="HostInvoke"/>s from any node into <see cref="Invoke"/>s on
/// it. Each reply goes back to the invoking node as a <see cref="HostReply"/>: the result re-encoded by the host↔agent
/// codec (by the method's declared result type) or the failure as the protocol's exception payload. On
/// <see cref="HostEntityStop"/> (hand-off, idle passivation) it waits for what it holds — queued invokes included — so
/// a graceful leave fails none of them; only past <c>drainBound</c> are the rest failed by the connection's stop.
/// </summary>
internal sealed class HostEntity : ReceiveActor, IWithTimers
{
    private const string DrainTimer = "drain";

    private readonly string host;
    private readonly IActorRef connection;
    private readonly TimeSpan drainBound;
    private readonly Dictionary<long, (IActorRef Invoker, long CorrelationId, string Key)> held = [];
    private readonly HashSet<IActorRef> greeted = [];
    private readonly ILoggingAdapter log = Context.GetLogger();
    private long lastId;
    private bool stopping;

    public HostEntity(string host, Props connectionProps, TimeSpan drainBound)
    {
        this.host = host;
        this.drainBound = drainBound;
        connection = Context.Watch(Context.ActorOf(connectionProps, "connection"));
        Receive<HostInvoke>(Start);
        Receive<InvokeResult>(result => Answer(result.CorrelationId, key => ToolMethods.Resolve(key).CreateResult(0, result.Value)));
        Receive<Status.Failure>(failure => failure.State is long id,
            failure => Answer((long)failure.State, _ => ProtocolMessages.Failure(FrameFlags.Rpc, 0, failure.Cause)));
        Receive<HostEntityStop>(_ => BeginStop());
        Receive<DrainTimedOut>(_ =>
        {
            log.Warning("Host {0}: {1} invokes still running after {2}; stopping (they fail with the connection).", host, held.Count, drainBound);
            Context.Stop(Self);
        });
        // The connection gave up (it failed every invoke it held first): ask the shard to let this entity go, so the
        // next invoke starts a fresh one — which connects again.
        Receive<Terminated>(t => t.ActorRef.Equals(connection), _ =>
        {
            if (stopping) Context.Stop(Self);
            else Context.Parent.Tell(new Passivate(HostEntityStop.Instance));
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the entity for <paramref name="host"/>, its connection made from <paramref name="connectionProps"/>.</summary>
    public static Props Props(string host, Props connectionProps, TimeSpan drainBound) =>
        Akka.Actor.Props.Create(() => new HostEntity(host, connectionProps, drainBound));

    private void Start(HostInvoke invoke)
    {
        if (greeted.Add(Sender)) Sender.Tell(new HostEntityReady(host));
        var id = ++lastId;
        held[id] = (Sender, invoke.CorrelationId, invoke.Call.Key);
        connection.Tell(new Invoke(invoke.Call, id, invoke.Timeout));
    }

    private void Answer(long id, Func<string, Frame> encode)
    {
        if (!held.Remove(id, out var asker)) return;
        Frame response;
        try
        {
            response = encode(asker.Key);
        }
        catch (Exception failure)
        {
            // A result the declared type cannot encode (or a method gone missing) still gets an answer.
            response = ProtocolMessages.Failure(FrameFlags.Rpc, 0, failure);
        }
        asker.Invoker.Tell(new HostReply(asker.CorrelationId, asker.Key, (int)response.Flags, Bytes(response.Payload)));
        if (stopping && held.Count == 0) Context.Stop(Self);
    }

    private void BeginStop()
    {
        stopping = true;
        if (held.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        Timers.StartSingleTimer(DrainTimer, DrainTimedOut.Instance, drainBound);
    }

    private static byte[] Bytes(ReadOnlyMemory<byte> payload) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();

    private sealed class DrainTimedOut
    {
        public static readonly DrainTimedOut Instance = new();
    }
}
