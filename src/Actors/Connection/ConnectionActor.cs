using Akka.Pattern;
using Microsoft.Extensions.Logging;
using Rmote.Actors.Links;

namespace Rmote.Actors.Connection;

/// <summary>
/// The long-lived connection a user holds (made from <c>RmoteProps</c>, or behind <c>RmoteConnection</c>): the same
/// actor across reconnects. It walks Connecting → Connected → Reconnecting → Connected …, publishing each state on the
/// EventStream; invokes arriving while no agent is up wait in its bounded <see cref="InvokeQueue"/>. Each agent
/// incarnation is a <see cref="LinkActor"/> child — with reconnect on, under Akka's <see cref="BackoffSupervisor"/>,
/// which starts a new incarnation after a growing delay and stops itself when the attempts are used up. The
/// connection gives up (fails every pending and queued invoke, then stops, so watchers see <see cref="Terminated"/>
/// after the failures) when the first connect fails, when the link is lost with reconnect off, or when the backoff
/// supervisor has given up. Calls in flight at a drop fail with the link; they are never replayed.
/// </summary>
internal sealed partial class ConnectionActor : ReceiveActor, IWithTimers
{
    private const string LinkName = "link";
    private const string BackoffName = "backoff";

    private readonly IAgentConnector connector;
    private readonly ConnectionSettings settings;
    private readonly LinkHolder holder;
    private readonly ILogger logger;
    private IActorRef? backoff;
    private (IActorRef Actor, Link Link)? live;
    private bool everConnected;
    private bool closed;
    private int attempts;
    private Exception? lastFailure;

    public ConnectionActor(IAgentConnector connector, ConnectionSettings settings, LinkHolder holder)
    {
        this.connector = connector;
        this.settings = settings;
        this.holder = holder;
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
        waiting = new InvokeQueue(settings.MaxQueuedInvokes);
        Become(Connecting);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a connection to what <paramref name="connector"/> starts.</summary>
    /// <remarks>
    /// Akka evaluates the constructor's arguments once, when the props are made: a holder made here would be shared by
    /// every actor created from these props (a fleet re-creates a host's connection from the same props). Without a
    /// <paramref name="holder"/>, each actor makes its own.
    /// </remarks>
    public static Props Props(IAgentConnector connector, ConnectionSettings settings, LinkHolder? holder = null) =>
        holder is null
            ? Akka.Actor.Props.Create(() => new ConnectionActor(connector, settings))
            : Akka.Actor.Props.Create(() => new ConnectionActor(connector, settings, holder));

    public ConnectionActor(IAgentConnector connector, ConnectionSettings settings)
        : this(connector, settings, new LinkHolder(null))
    {
    }

    protected override void PreStart()
    {
        Publish(ConnectionState.Connecting, null);
        var incarnation = LinkActor.Props(connector, settings, Self, holder, underBackoff: settings.ReconnectEnabled);
        if (!settings.ReconnectEnabled)
        {
            Context.ActorOf(incarnation, LinkName);
            return;
        }
        // Restart counting is reset by each link once it is up (manual reset): MaxReconnectAttempts counts consecutive
        // failures. The stopping strategy: a failed incarnation is never restarted in place, only replaced.
        backoff = Context.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(incarnation, LinkName, settings.ReconnectBaseDelay, settings.ReconnectMaxDelay, RandomFactor, settings.MaxReconnectAttempts)
                .WithManualReset()
                .WithDefaultStoppingStrategy()), BackoffName);
        Context.Watch(backoff);
    }

    // A bug in a link (an exception in one of its handlers) ends that incarnation like any other failure.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, 0, failure =>
    {
        Self.Tell(new LinkActor.LinkLost(ActorRefs.Nobody, ConnectionFailure.ForCallers(failure, connector.Target), everConnected));
        return Directive.Stop;
    }, loggingEnabled: false);

    protected override void PostStop()
    {
        // Stopped from outside (its parent, the facade's dispose, the system's shutdown): nobody is left waiting.
        if (!closed) Close(new ConnectionLostException($"The connection to {connector.Target} was stopped."));
    }

    // Jitter spreads hosts that lost their agents at the same moment; the delay still doubles per attempt.
    private const double RandomFactor = 0.2;

    private void Connecting()
    {
        Receive<LinkActor.LinkUp>(OnLinkUp);
        Receive<LinkActor.LinkLost>(lost =>
        {
            if (!everConnected)
            {
                GiveUp(lost.Reason);   // the first connect is never retried: its error is the caller's answer
                return;
            }
            attempts++;
            lastFailure = lost.Reason;
            logger.LogWarning("Reconnect attempt {Attempt}/{Max} to {Target} failed: {Reason}", attempts, settings.MaxReconnectAttempts,
                connector.Target, lost.Reason.Message);
        });
        Receive<Terminated>(t => t.ActorRef.Equals(backoff), _ => GiveUp(new ConnectionLostException(
            $"Gave up reconnecting to {connector.Target} after {attempts} attempt(s); the last one failed: {lastFailure?.Message}", lastFailure)));
        ReceiveInvokes(connected: false);
    }

    private void Connected()
    {
        Receive<LinkActor.LinkLost>(lost => lost.Actor.Equals(live?.Actor) || lost.Actor.IsNobody(), lost =>
        {
            live = null;
            var reason = lost.Reason;
            FailStreams(reason, startedOnly: true);
            if (!settings.ReconnectEnabled || settings.MaxReconnectAttempts <= 0)
            {
                GiveUp(reason);
                return;
            }
            attempts = 0;
            lastFailure = reason;
            holder.Reconnecting(reason);
            Publish(ConnectionState.Reconnecting, reason);
            logger.LogWarning("Connection to {Target} lost ({Reason}); reconnecting", connector.Target, reason.Message);
            Become(Connecting);
        });
        Receive<LinkActor.LinkLost>(_ => { });   // a late report of an incarnation already replaced
        Receive<Terminated>(t => t.ActorRef.Equals(backoff), _ => GiveUp(lastFailure ?? new ConnectionLostException($"The connection to {connector.Target} was closed.")));
        ReceiveInvokes(connected: true);
    }

    private void OnLinkUp(LinkActor.LinkUp up)
    {
        if (everConnected) logger.LogInformation("Reconnected to {Target} (pid {Pid}) after {Attempts} failed attempt(s)", connector.Target, up.Link.ProcessId, attempts);
        everConnected = true;
        attempts = 0;
        live = (up.Actor, up.Link);
        holder.Publish(up.Link);
        Publish(ConnectionState.Connected, null);
        Become(Connected);
        StartWaiting();
    }

    /// <summary>The end: every pending and queued invoke fails with <paramref name="reason"/>, then the actor stops.</summary>
    private void GiveUp(Exception reason)
    {
        if (everConnected) logger.LogWarning("Connection to {Target} closed: {Reason}", connector.Target, reason.Message);
        Close(reason);
        Context.Stop(Self);
    }

    private void Close(Exception reason)
    {
        closed = true;
        holder.Fail(reason);
        FailAll(reason);
        Publish(ConnectionState.Closed, reason);
    }

    private void Publish(ConnectionState state, Exception? reason) =>
        Context.System.EventStream.Publish(new ConnectionStateChanged(Self, connector.Target, state, reason));
}
