using System.Diagnostics;
using Akka.Actor;
using Rmote.Actors.Invocation;

namespace Rmote.Actors.Fleet;

/// <summary>
/// Runs <see cref="FleetInvoke"/>s over a set of hosts. One connection actor per host, a child of this one, created on
/// the host's first invoke, kept and reused, stopped after the idle timeout, replaced when it has stopped (it gave up
/// or its first connect failed). At most <see cref="FleetSettings.ThrottleLimit"/> host invokes are out at once, over
/// all fleet invokes; the rest wait here in arrival order. Every host invoke ends exactly once: with the connection's
/// reply, with a <see cref="ConnectionLostException"/> if its connection stops without replying, or — once its fleet
/// invoke is cancelled (<see cref="CancelFleetInvoke"/>, or its sender stopped) — unstarted, as cancelled. In cluster mode
/// (<see cref="FleetSettings.ClusterHosts"/>) it holds no connection: each host invoke goes to the node's
/// <c>RmoteHosts</c> actor as a <see cref="HostInvoke"/>, which answers like a connection actor (and ends every invoke,
/// a lost node's with <see cref="ConnectionLostException"/>); a cancel there ends the unstarted hosts, the running
/// ones end with their answer.
/// </summary>
internal sealed class FleetActor : ReceiveActor, IWithTimers
{
    private readonly IReadOnlyList<FleetMember> members;
    private readonly FleetSettings settings;
    private readonly Dictionary<string, Connection> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Request> requests = [];
    private readonly Dictionary<long, Running> running = [];
    private readonly WatchedRequesters requesters = new();
    private readonly Queue<(Request Request, int Index)> waiting = new();
    private long nextId;
    private int opened;

    public FleetActor(IReadOnlyList<FleetMember> members, FleetSettings settings)
    {
        this.members = members;
        this.settings = settings;
        Receive<FleetInvoke>(OnInvoke);
        Receive<CancelFleetInvoke>(c => Cancel(r => r.Message.CorrelationId == c.CorrelationId && r.Requester.Equals(Sender), silent: false));
        Receive<InvokeResult>(r => Complete(r.CorrelationId, r.Value, null));
        Receive<Status.Failure>(f => f.State is long id, f => Complete((long)f.State, null, f.Cause));
        Receive<ConnectionStateChanged>(OnStateChanged);
        Receive<Terminated>(OnTerminated);
        Receive<SweepIdle>(_ => Sweep());
        Receive<GetStats>(_ => Sender.Tell(new Stats(opened, connections.Count)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<FleetMember> members, FleetSettings settings) =>
        Akka.Actor.Props.Create(() => new FleetActor(members, settings));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(ConnectionStateChanged));
        if (settings.IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(settings.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));
            Timers.StartPeriodicTimer(nameof(SweepIdle), SweepIdle.Instance, period);
        }
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        // Children (the connections) stop with us; whoever still waits hears why.
        foreach (var run in running.Values) run.Input?.Source.Dispose();
        foreach (var request in requests.Values)
            request.ReplyTo.Tell(new Status.Failure(new ConnectionLostException("The fleet was stopped before every host answered."), request.Message.CorrelationId));
    }

    private void OnInvoke(FleetInvoke invoke)
    {
        IReadOnlyList<FleetMember> selected;
        try
        {
            selected = invoke.Hosts is { } exact
                ? members.Where(m => exact.Contains(m.Name)).ToList()
                : HostSelector.Select(members, m => m.Name, m => m.Groups, invoke.Selection, settings.Groups);
        }
        catch (ArgumentException e)
        {
            Sender.Tell(new Status.Failure(e, invoke.CorrelationId));
            return;
        }
        var request = new Request(++nextId, invoke, Sender, selected);
        if (selected.Count == 0)
        {
            Sender.Tell(new FleetInvokeResult(invoke.CorrelationId, []));
            return;
        }
        requests[request.Id] = request;
        if (!Sender.IsNobody()) requesters.Add(Sender, Context);   // a requester that stops cancels its invokes
        for (var i = 0; i < selected.Count; i++) waiting.Enqueue((request, i));
        Dispatch();
    }

    /// <summary>Starts waiting host invokes while the throttle allows.</summary>
    private void Dispatch()
    {
        while (running.Count < settings.ThrottleLimit && waiting.TryDequeue(out var next))
        {
            var (request, index) = next;
            var member = request.Hosts[index];
            var id = ++nextId;
            var callTimeout = request.Message.Timeout ?? settings.CallTimeout;
            if (request.Message.StreamHostOutcomes) request.ReplyTo.Tell(new HostStarted(request.Message.CorrelationId, member.Name));
            if (settings.ClusterHosts is not null && request.Message.Input is not null)
            {
                // A stream cannot travel to the node that holds the host's connection (FleetUpload never asks for it).
                Finish(request, index, null, new NotSupportedException(
                    "A tool's input stream cannot travel through a cluster of controllers: run it from a fleet that holds its own connections."), TimeSpan.Zero);
                continue;
            }
            if (settings.ClusterHosts is { } cluster)
            {
                // Whether the owning node's connection is live is not known here: the connect timeout always applies.
                var hostTimeout = callTimeout is not { } bound || bound == Timeout.InfiniteTimeSpan ? callTimeout : bound + member.ConnectTimeout;
                running[id] = new Running(request, index, null, Stopwatch.GetTimestamp());
                cluster.Tell(new HostInvoke(member.Name, request.Message.Call, id, hostTimeout));
                continue;
            }
            var connection = ConnectionOf(member);
            // A host without a live connection connects first: its connect timeout comes on top of the call's.
            var timeout = callTimeout is not { } limit || limit == Timeout.InfiniteTimeSpan || connection.Connected ? callTimeout : limit + member.ConnectTimeout;
            // Opened here, in one pass over the hosts starting now, so that they can share one read of the source.
            var input = request.Message.Input?.Invoke();
            running[id] = new Running(request, index, connection, Stopwatch.GetTimestamp(), input);
            connection.InFlight++;
            connection.Actor.Tell(input is null ? new Invoke(request.Message.Call, id, timeout) : new InvokeWithInput(request.Message.Call, id, timeout, input));
        }
    }

    private Connection ConnectionOf(FleetMember member)
    {
        if (connections.TryGetValue(member.Name, out var existing)) return existing;
        var actor = Context.ActorOf(member.Connection, $"{Uri.EscapeDataString(member.Name)}-{++opened}");
        Context.Watch(actor);
        return connections[member.Name] = new Connection(member.Name, actor);
    }

    private void Complete(long id, object? value, Exception? error)
    {
        if (!running.Remove(id, out var run)) return;   // a reply after its connection was already given up on
        run.Input?.Source.Dispose();
        if (run.Connection is { } connection)
        {
            connection.InFlight--;
            connection.LastUsed = Stopwatch.GetTimestamp();
        }
        Finish(run.Request, run.Index, value, error, Stopwatch.GetElapsedTime(run.Started));
        Dispatch();
    }

    private void Finish(Request request, int index, object? value, Exception? error, TimeSpan elapsed)
    {
        var host = request.Hosts[index].Name;
        var (surfaced, kind) = error switch
        {
            null => (null, HostFailureKind.None),
            OperationCanceledException when request.Cancelled => (error, HostFailureKind.Cancelled),
            _ => settings.Classify(host, error),
        };
        var outcome = new HostOutcome(request.Message.CorrelationId, host, error is null ? value : null, surfaced, kind, elapsed);
        request.Outcomes[index] = outcome;
        if (request.Message.StreamHostOutcomes) request.ReplyTo.Tell(outcome);
        if (--request.Remaining > 0) return;
        requests.Remove(request.Id);
        request.ReplyTo.Tell(new FleetInvokeResult(request.Message.CorrelationId, request.Outcomes!));
        if (!request.Requester.IsNobody()) requesters.Remove(request.Requester, Context);
    }

    /// <summary>
    /// Cancels the matching requests: their waiting hosts end now, their running hosts are told to cancel and end with
    /// the connection's answer. <paramref name="silent"/>: the requester is gone, nobody is told.
    /// </summary>
    private void Cancel(Func<Request, bool> match, bool silent)
    {
        var cancelled = requests.Values.Where(r => !r.Cancelled && match(r)).ToList();
        if (cancelled.Count == 0) return;
        foreach (var request in cancelled)
        {
            request.Cancelled = true;
            if (silent) request.ReplyTo = ActorRefs.Nobody;
        }
        var unstarted = waiting.Where(w => w.Request.Cancelled).ToList();
        var kept = waiting.Where(w => !w.Request.Cancelled).ToList();
        waiting.Clear();
        foreach (var entry in kept) waiting.Enqueue(entry);
        foreach (var (id, run) in running.Where(r => r.Value.Request.Cancelled))
            run.Connection?.Actor.Tell(new CancelInvoke(id));   // through the cluster: it runs to its answer
        foreach (var (request, index) in unstarted)
            Finish(request, index, null, new OperationCanceledException("The fleet call was cancelled before this host started."), TimeSpan.Zero);
    }

    private void OnStateChanged(ConnectionStateChanged changed)
    {
        foreach (var connection in connections.Values)
            if (connection.Actor.Equals(changed.Connection)) connection.Connected = changed.State == ConnectionState.Connected;
    }

    private void OnTerminated(Terminated terminated)
    {
        if (requesters.Contains(terminated.ActorRef))
        {
            Cancel(r => r.Requester.Equals(terminated.ActorRef), silent: true);
            return;
        }
        var gone = connections.Values.FirstOrDefault(c => c.Actor.Equals(terminated.ActorRef));
        if (gone is null) return;
        connections.Remove(gone.Host);
        // The connection answers every invoke before it stops; anything left is ended here so no host waits forever.
        foreach (var id in running.Where(r => r.Value.Connection == gone).Select(r => r.Key).ToList())
            Complete(id, null, new ConnectionLostException($"The connection to {gone.Host} stopped without answering."));
    }

    private void Sweep()
    {
        foreach (var idle in connections.Values.Where(c => c.InFlight == 0 && Stopwatch.GetElapsedTime(c.LastUsed) >= settings.IdleTimeout).ToList())
        {
            Context.Unwatch(idle.Actor);
            Context.Stop(idle.Actor);
            connections.Remove(idle.Host);
        }
    }

    private sealed class Request(long id, FleetInvoke message, IActorRef replyTo, IReadOnlyList<FleetMember> hosts)
    {
        public long Id { get; } = id;
        public FleetInvoke Message { get; } = message;
        /// <summary>Who sent the invoke (watched while it is open).</summary>
        public IActorRef Requester { get; } = replyTo;

        /// <summary>Who is told: the requester, or nobody once it has stopped.</summary>
        public IActorRef ReplyTo { get; set; } = replyTo;
        public IReadOnlyList<FleetMember> Hosts { get; } = hosts;
        public HostOutcome?[] Outcomes { get; } = new HostOutcome?[hosts.Count];
        public int Remaining { get; set; } = hosts.Count;

        public bool Cancelled { get; set; }
    }

    private sealed record Running(Request Request, int Index, Connection? Connection, long Started, InvokeInput? Input = null);

    private sealed class Connection(string host, IActorRef actor)
    {
        public string Host { get; } = host;
        public IActorRef Actor { get; } = actor;
        public bool Connected { get; set; }
        public int InFlight { get; set; }
        public long LastUsed { get; set; } = Stopwatch.GetTimestamp();
    }

    /// <summary>The idle sweep's timer tick.</summary>
    private sealed class SweepIdle : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static readonly SweepIdle Instance = new();
    }

    /// <summary>Asks for <see cref="Stats"/> (diagnostics, tests, benchmarks).</summary>
    internal sealed class GetStats
    {
        public static readonly GetStats Instance = new();
    }

    /// <summary>Connection actors created over the fleet's life, and those alive now.</summary>
    internal sealed record Stats(int Opened, int Live);
}
