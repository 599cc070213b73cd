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
/// a graceful leave fails none of them; past <c>drainBound</c> it answers the rest with
/// <see cref="ConnectionLostException"/> itself. So when it terminates, it has answered every invoke it took up, and
/// an invoker may send again whatever it had not answered (see <see cref="HostInvoker"/>): such a copy — or the
/// original arriving late by another path — is recognised by (invoker, correlation id) and run only once.
/// </summary>
internal sealed class HostEntity : ReceiveActor, IWithTimers
{
    private const string DrainTimer = "drain";

    // How many answered invokes are remembered (per entity) to recognise a late copy; a copy comes within moments of a
    // hand-off, long before this many more are answered.
    private const int RememberedAnswers = 512;

    private readonly string host;
    private readonly IActorRef connection;
    private readonly TimeSpan drainBound;
    private readonly Dictionary<long, (IActorRef Invoker, long CorrelationId, string Key)> held = [];
    private readonly HashSet<IActorRef> greeted = [];
    private readonly HashSet<(IActorRef Invoker, long CorrelationId)> taken = [];
    private readonly HashSet<(IActorRef Invoker, long CorrelationId)> answered = [];
    private readonly Queue<(IActorRef Invoker, long CorrelationId)> answeredOrder = new();
    private readonly ILoggingAdapter log = Context.GetLogger();
    private long lastId;
    private bool stopping;
    private bool connectionGone;

    public HostEntity(string host, Props connectionProps, TimeSpan drainBound)
    {
        this.host = host;
        this.drainBound = drainBound;
        connection = Context.Watch(Context.ActorOf(connectionProps, "connection"));
        Receive<HostInvoke>(Start);
        Receive<HostGreeting>(_ =>
        {
            greeted.Add(Sender);
            Sender.Tell(new HostEntityReady(host));
        });
        Receive<InvokeResult>(result => Answer(result.CorrelationId, key => ToolMethods.Resolve(key).CreateResult(0, result.Value)));
        Receive<Status.Failure>(failure => failure.State is long id,
            failure => Answer((long)failure.State, _ => ProtocolMessages.Failure(FrameFlags.Rpc, 0, failure.Cause)));
        Receive<HostEntityStop>(_ => BeginStop());
        Receive<DrainTimedOut>(_ =>
        {
            log.Warning("Host {0}: {1} invokes still running after {2}; stopping (they fail with ConnectionLostException).", host, held.Count, drainBound);
            foreach (var id in held.Keys.ToArray())
                Answer(id, _ => ProtocolMessages.Failure(FrameFlags.Rpc, 0,
                    new ConnectionLostException($"Host {host} was handed off while the invoke still ran after {drainBound}; it is not replayed.")));
            Context.Stop(Self);
        });
        // The connection gave up (it failed every invoke it held first): ask the shard to let this entity go, so the
        // next invoke starts a fresh one — which connects again.
        Receive<Terminated>(t => t.ActorRef.Equals(connection), _ =>
        {
            connectionGone = true;
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
        // A connection that gave up takes nothing more: the invoke is not taken up, and the invoker sends it again
        // once this entity has terminated (to a fresh one, which connects again).
        if (connectionGone) return;
        var key = (Sender, invoke.CorrelationId);
        if (answered.Contains(key) || !taken.Add(key)) return;   // a second copy of one this entity runs or ran
        var id = ++lastId;
        held[id] = (Sender, invoke.CorrelationId, invoke.Call.Key);
        connection.Tell(new Invoke(invoke.Call, id, invoke.Timeout));
    }

    private void Answer(long id, Func<string, Frame> encode)
    {
        if (!held.Remove(id, out var asker)) return;
        Remember((asker.Invoker, asker.CorrelationId));
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

    private void Remember((IActorRef Invoker, long CorrelationId) key)
    {
        taken.Remove(key);
        if (!answered.Add(key)) return;
        answeredOrder.Enqueue(key);
        if (answeredOrder.Count > RememberedAnswers) answered.Remove(answeredOrder.Dequeue());
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
