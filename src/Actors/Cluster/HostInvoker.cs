using Akka.Cluster;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Cluster;

/// <summary>
/// A node's door to the hosts of the cluster (registered as <c>RmoteHosts</c>): it takes <see cref="HostInvoke"/>s
/// from local senders, sends them through the shard region (or proxy) under its own ids, and answers each sender as a
/// connection actor would — <see cref="InvokeResult"/> decoded here by the method's declared result type, or
/// <c>Status.Failure</c> with the exception rebuilt here.
/// <para>
/// Sharding delivers at most once: a message on its way to a shard that is being handed off (graceful leave,
/// rebalance towards a new node, passivation) can be dropped. So an invoke is sent only to a host whose entity is
/// known — the invoker greets it first (<see cref="HostGreeting"/>, repeated until answered) and watches every entity
/// that answered. An entity that terminates gracefully has answered every invoke it took up (it drains, see
/// <see cref="HostEntity"/>), and Akka delivers its <c>Terminated</c> after its replies: so the invokes on that host
/// still unanswered then were never taken up by it, and are sent again (to the next incarnation, which recognises a
/// copy it already has). When an entity's node is lost (downed, not left), the invokes sent to it fail with
/// <see cref="ConnectionLostException"/> instead and are not replayed — they may have run. A backstop timer answers
/// invokes whose reply never came (timeout + margin) with <see cref="TimeoutException"/>, so no sender waits for ever.
/// </para>
/// </summary>
internal sealed class HostInvoker : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly IActorRef region;
    private readonly TimeSpan defaultTimeout;
    private readonly Dictionary<long, Pending> pending = [];
    private readonly Dictionary<string, HostState> hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> hostOf = [];
    private readonly HashSet<Address> leaving = [];
    private long lastId;

    public HostInvoker(IActorRef region, TimeSpan defaultTimeout)
    {
        this.region = region;
        this.defaultTimeout = defaultTimeout;
        Receive<HostInvoke>(Accept);
        Receive<HostEntityReady>(Learn);
        Receive<HostReply>(Deliver);
        Receive<Terminated>(Lost);
        Receive<Sweep>(_ => SweepPending());
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

    private void Accept(HostInvoke invoke)
    {
        var timeout = invoke.Timeout ?? defaultTimeout;
        if (invoke.Host is null || invoke.Call is null || (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan))
        {
            Sender.Tell(new Status.Failure(new ArgumentException($"An invoke needs a host, a call and a positive timeout (got {timeout})."), invoke.CorrelationId));
            return;
        }
        var id = ++lastId;
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout + Margin;
        var call = new Pending(Sender, invoke.CorrelationId, invoke with { CorrelationId = id, Timeout = timeout }, deadline, Owner: null);
        pending[id] = call;
        SendOrWait(id, call, HostOf(invoke.Host));
    }

    private HostState HostOf(string host)
    {
        if (!hosts.TryGetValue(host, out var state)) hosts[host] = state = new HostState();
        return state;
    }

    // Sends to the host's known entity, or waits for one to answer a greeting.
    private void SendOrWait(long id, Pending call, HostState state)
    {
        if (state.Owner is { } owner)
        {
            pending[id] = call with { Owner = owner };
            region.Tell(call.Invoke, Self);
            return;
        }
        pending[id] = call with { Owner = null };
        state.Waiting.Add(id);
        if (state.Waiting.Count == 1) Greet(call.Invoke.Host, state);
    }

    private void Greet(string host, HostState state)
    {
        state.GreetedAt = DateTime.UtcNow;
        region.Tell(new HostGreeting(host), Self);
    }

    private void Learn(HostEntityReady ready)
    {
        var state = HostOf(ready.Host);
        if (hostOf.TryAdd(Sender, ready.Host)) Context.Watch(Sender);
        if (Sender.Equals(state.Owner)) return;
        state.Owner = Sender;
        var waiting = state.Waiting.ToArray();
        state.Waiting.Clear();
        foreach (var id in waiting)
            if (pending.TryGetValue(id, out var call)) SendOrWait(id, call, state);
    }

    private void Deliver(HostReply reply)
    {
        if (!pending.Remove(reply.CorrelationId, out var call)) return;
        try
        {
            if (reply.Key != call.Invoke.Call.Key) throw new ProtocolException($"The reply to {call.Invoke.Call} on {call.Invoke.Host} is for another method ({reply.Key}).");
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
        var entity = terminated.ActorRef;
        if (!hostOf.Remove(entity, out var host)) return;
        var state = HostOf(host);
        if (entity.Equals(state.Owner)) state.Owner = null;
        if (terminated.AddressTerminated && !leaving.Contains(entity.Path.Address))
        {
            var why = $"the cluster node {entity.Path.Address} holding host {host} was lost";
            Fail(call => entity.Equals(call.Owner),
                call => new ConnectionLostException($"The invoke of {call.Invoke.Call} on {host} ended: {why}; it is not replayed."));
        }
        // Every invoke on this host sent and still unanswered was not taken up by the entity that ended (it answered
        // all it took up before stopping): send it again. One that another incarnation already holds is recognised there.
        foreach (var (id, call) in pending.Where(p => p.Value.Owner is not null && p.Value.Invoke.Host == host).ToArray())
            SendOrWait(id, call, state);
    }

    private void SweepPending()
    {
        var now = DateTime.UtcNow;
        Fail(call => call.Deadline <= now,
            call => new TimeoutException($"No reply to the invoke of {call.Invoke.Call} on {call.Invoke.Host} came back in time."));
        // A greeting can be lost like any message to a moving shard; it is harmless to repeat.
        foreach (var (host, state) in hosts)
        {
            state.Waiting.RemoveAll(id => !pending.ContainsKey(id));
            if (state.Waiting.Count > 0 && now - state.GreetedAt >= SweepInterval) Greet(host, state);
        }
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

    // Owner: the entity the invoke was sent to (null: waiting for a greeting's answer).
    private sealed record Pending(IActorRef Sender, long CorrelationId, HostInvoke Invoke, DateTime Deadline, IActorRef? Owner);

    private sealed class HostState
    {
        public IActorRef? Owner { get; set; }

        public List<long> Waiting { get; } = [];

        public DateTime GreetedAt { get; set; }
    }

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }
}
