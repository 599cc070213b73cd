using Akka.Cluster;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Cluster;

/// <summary>
/// A node's door to the hosts of the cluster (registered as <c>RmoteHosts</c>): it takes <see cref="HostInvoke"/>s
/// from local senders, sends them through the shard region (or proxy) under its own ids, and answers each sender as a
/// connection actor would — <see cref="InvokeResult"/> decoded here by the method's declared result type, or
/// <c>Status.Failure</c> with the exception rebuilt here. It watches every host entity that answered it: when one's
/// node is lost (downed, not left), the invokes it held fail with <see cref="ConnectionLostException"/> and are not
/// replayed. An entity that stops otherwise (hand-off on a graceful leave, passivation, its connection giving up) has
/// answered everything it held before stopping, and invokes still on their way reach its next incarnation — so those
/// are left alone. A backstop timer answers invokes whose reply never came (timeout + margin) with
/// <see cref="TimeoutException"/>, so no sender waits for ever.
/// </summary>
internal sealed class HostInvoker : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly IActorRef region;
    private readonly TimeSpan defaultTimeout;
    private readonly Dictionary<long, Pending> pending = [];
    private readonly Dictionary<string, IActorRef> owners = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> hostOf = [];
    private readonly HashSet<Address> leaving = [];
    private long lastId;

    public HostInvoker(IActorRef region, TimeSpan defaultTimeout)
    {
        this.region = region;
        this.defaultTimeout = defaultTimeout;
        Receive<HostInvoke>(Send);
        Receive<HostEntityReady>(Learn);
        Receive<HostReply>(Deliver);
        Receive<Terminated>(Lost);
        Receive<Sweep>(_ => Expire());
        Receive<ClusterEvent.MemberLeft>(left => leaving.Add(left.Member.Address));
        Receive<ClusterEvent.MemberExited>(exited => leaving.Add(exited.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the invoker sending through <paramref name="region"/>.</summary>
    public static Props Props(IActorRef region, TimeSpan defaultTimeout) =>
        Akka.Actor.Props.Create(() => new HostInvoker(region, defaultTimeout));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, SweepInterval);
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberLeft), typeof(ClusterEvent.MemberExited));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Send(HostInvoke invoke)
    {
        var timeout = invoke.Timeout ?? defaultTimeout;
        if (invoke.Host is null || invoke.Call is null || (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan))
        {
            Sender.Tell(new Status.Failure(new ArgumentException($"An invoke needs a host, a call and a positive timeout (got {timeout})."), invoke.CorrelationId));
            return;
        }
        var id = ++lastId;
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout + Margin;
        pending[id] = new Pending(Sender, invoke.CorrelationId, invoke.Host, invoke.Call, deadline, owners.GetValueOrDefault(invoke.Host));
        region.Tell(invoke with { CorrelationId = id, Timeout = timeout }, Self);
    }

    private void Learn(HostEntityReady ready)
    {
        if (owners.TryGetValue(ready.Host, out var previous) && previous.Equals(Sender)) return;
        owners[ready.Host] = Sender;
        hostOf[Sender] = ready.Host;
        Context.Watch(Sender);
        // Invokes sent before this host's owner was known are at this entity (or lost with the one before it).
        foreach (var (id, call) in pending)
            if (call.Owner is null && call.Host == ready.Host) pending[id] = call with { Owner = Sender };
    }

    private void Deliver(HostReply reply)
    {
        if (!pending.Remove(reply.CorrelationId, out var call)) return;
        try
        {
            if (reply.Key != call.Call.Key) throw new ProtocolException($"The reply to {call.Call} on {call.Host} is for another method ({reply.Key}).");
            var value = ToolMethods.Resolve(reply.Key).DecodeResult(new Frame((FrameFlags)reply.Flags, 0, reply.Payload));
            call.Sender.Tell(new InvokeResult(call.CorrelationId, value));
        }
        catch (Exception failure)
        {
            // The tool's own exception (rebuilt from its payload), or a result that does not decode.
            call.Sender.Tell(new Status.Failure(failure, call.CorrelationId));
        }
    }

    private void Lost(Terminated terminated)
    {
        if (!hostOf.Remove(terminated.ActorRef, out var host)) return;
        if (owners.TryGetValue(host, out var owner) && owner.Equals(terminated.ActorRef)) owners.Remove(host);
        if (!terminated.AddressTerminated || leaving.Contains(terminated.ActorRef.Path.Address)) return;
        var why = $"the cluster node {terminated.ActorRef.Path.Address} holding host {host} was lost";
        Fail(call => call.Host == host && (call.Owner is null || call.Owner.Equals(terminated.ActorRef)),
            call => new ConnectionLostException($"The invoke of {call.Call} on {host} ended: {why}; it is not replayed."));
    }

    private void Expire()
    {
        var now = DateTime.UtcNow;
        Fail(call => call.Deadline <= now,
            call => new TimeoutException($"No reply to the invoke of {call.Call} on {call.Host} came back in time."));
    }

    private void Fail(Func<Pending, bool> which, Func<Pending, Exception> failure)
    {
        List<long>? ended = null;
        foreach (var (id, call) in pending)
            if (which(call)) (ended ??= []).Add(id);
        if (ended is null) return;
        foreach (var id in ended)
        {
            if (!pending.Remove(id, out var call)) continue;
            call.Sender.Tell(new Status.Failure(failure(call), call.CorrelationId));
        }
    }

    private sealed record Pending(IActorRef Sender, long CorrelationId, string Host, ToolCall Call, DateTime Deadline, IActorRef? Owner);

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }
}
