using Microsoft.Extensions.Logging;
using Rmote.Actors.Connection;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

/// <summary>
/// One agent incarnation. It connects on start (the transport: a process or channel and its streams), creates the
/// link's children (<see cref="FrameWriter"/>, <see cref="FrameReader"/> — which also writes forwarded LOG records —,
/// <see cref="ToolSync"/>, <see cref="RpcCorrelator"/>) around it, hands the hot-path <see cref="Link"/> to the
/// connection and watches liveness (heartbeat). Any failure — a child's, the connect's, missed heartbeats — ends the
/// link at once (every pending call fails with the reason), is reported to the connection as <see cref="LinkLost"/>,
/// and stops this actor. It is never restarted in place: a reconnect is a new incarnation, created by the backoff
/// supervisor above it.
/// </summary>
internal sealed partial class LinkActor : ReceiveActor, IWithTimers
{
    // How long a stopping link may take to write what is queued (SHUTDOWN included) before stdin is closed.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(2);

    private readonly IAgentConnector connector;
    private readonly ConnectionSettings settings;
    private readonly IActorRef connection;
    private readonly LinkHolder holder;
    private readonly bool underBackoff;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly LinkActivity activity = new();
    private Task<IAgentTransport>? connecting;
    private IAgentTransport? transport;
    private FrameSink? sink;
    private Link? link;
    private bool lost;

    /// <summary>The agent is up: <see cref="Link"/> serves calls until <see cref="LinkLost"/>.</summary>
    public sealed record LinkUp(IActorRef Actor, Link Link);

    /// <summary>
    /// The incarnation is over: the connect failed (<see cref="WasUp"/> false) or the live link failed. Its pending
    /// calls have already ended with <see cref="Reason"/>; the actor stops right after sending this.
    /// </summary>
    public sealed record LinkLost(IActorRef Actor, Exception Reason, bool WasUp);

    private sealed record TransportReady(IAgentTransport Transport);

    private sealed record ConnectFailed(Exception Reason);

    /// <param name="connector">Starts the agent.</param>
    /// <param name="settings">The connection's settings.</param>
    /// <param name="connection">Told <see cref="LinkUp"/> and <see cref="LinkLost"/>.</param>
    /// <param name="holder">The connection's published state: callers are switched to waiting before pending calls fail.</param>
    /// <param name="underBackoff">Whether the parent is a backoff supervisor, told to reset its count once connected.</param>
    public LinkActor(IAgentConnector connector, ConnectionSettings settings, IActorRef connection, LinkHolder holder, bool underBackoff)
    {
        this.connector = connector;
        this.settings = settings;
        this.connection = connection;
        this.holder = holder;
        this.underBackoff = underBackoff;
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
        Connecting();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of one incarnation.</summary>
    public static Props Props(IAgentConnector connector, ConnectionSettings settings, IActorRef connection, LinkHolder holder, bool underBackoff) =>
        Akka.Actor.Props.Create(() => new LinkActor(connector, settings, connection, holder, underBackoff));

    protected override void PreStart()
    {
        // A safety net: the connector enforces the connect timeout itself (with a better error); this bounds one that doesn't.
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(settings.ConnectTimeout + ConnectGrace);
        connecting = connector.ConnectAsync(timeout.Token);
        OutcomeAsync(connecting, timeout).PipeTo(Self);
    }

    // The connect's outcome as one message, whatever happens: a failure to build that message (say, reading a
    // disposed token) would leave the link connecting for ever.
    private async Task<object> OutcomeAsync(Task<IAgentTransport> pending, CancellationTokenSource timeout)
    {
        try
        {
            return new TransportReady(await pending.ConfigureAwait(false));
        }
        catch (Exception failure)
        {
            return new ConnectFailed(ConnectError(failure, timedOut: timeout.IsCancellationRequested));
        }
        finally
        {
            timeout.Dispose();
        }
    }

    // A link cannot be restarted in place: its transport, children and pending calls belong to the incarnation.
    protected override void PostRestart(Exception reason) =>
        throw new InvalidOperationException("A link actor is never restarted; a reconnect is a new incarnation.", reason);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, 0, failure =>
    {
        // Runs in this actor the moment a child fails: end every pending call now, not after the tree has stopped.
        Fail(ConnectionFailure.ForCallers(failure, connector.Target));
        return Directive.Stop;
    }, loggingEnabled: false);   // Fail logs it once, at Warning, with the reason callers see

    protected override void PostStop()
    {
        stopping.Cancel();
        var reason = new ConnectionLostException($"The connection to {connector.Target} was closed.");
        // SHUTDOWN goes out as the last frame, so the agent exits promptly instead of waiting for its stdin to close.
        link?.ShutDown(reason);
        var closing = transport is { } open ? CloseTransportAsync(open, sink?.Drained ?? Task.CompletedTask)
            : connecting is { IsCompleted: false } pending ? CloseLateAsync(pending)
            : null;
        if (closing is null) return;
        holder.TrackShutdown(closing);
        AgentShutdowns.For(Context.System).Track(closing);
    }

    private void Connecting()
    {
        Receive<TransportReady>(ready =>
        {
            transport = ready.Transport;
            link = StartChildren(ready.Transport);
            logger.LogInformation("Connected to {Target} (pid {Pid})", ready.Transport.Target, ready.Transport.ProcessId);
            if (settings.HeartbeatInterval is { } interval) Timers.StartPeriodicTimer(HeartbeatKey, HeartbeatTick.Instance, interval);
            if (underBackoff) Context.Parent.Tell(Akka.Pattern.BackoffSupervisor.Reset.Instance);
            connection.Tell(new LinkUp(Self, link));
            Become(Up);
        });
        Receive<ConnectFailed>(failed => Fail(failed.Reason));
    }

    private void Up() => Receive<HeartbeatTick>(_ => OnHeartbeat());

    /// <summary>
    /// Ends the incarnation once: callers are switched to waiting for a reconnect first (when one may follow) so that
    /// only the calls in flight right now fail — with <paramref name="reason"/> — then the connection is told.
    /// </summary>
    private void Fail(Exception reason)
    {
        if (lost) return;
        lost = true;
        var wasUp = link is not null;
        if (wasUp)
        {
            // Its owner shut it down (a dispose sends SHUTDOWN): the agent leaving is what was asked for.
            var shutDown = link!.ShutDownRequested;
            if (settings.ReconnectEnabled && !shutDown) holder.Reconnecting(reason);
            link.Close(reason);
            if (shutDown) logger.LogDebug("Link to {Target} ended after its shutdown: {Reason}", connector.Target, reason.Message);
            else logger.LogWarning("Link to {Target} failed: {Reason}", connector.Target, reason.Message);
            LogExitCode(transport!);
        }
        Timers.CancelAll();
        connection.Tell(new LinkLost(Self, reason, wasUp));
        Context.Stop(Self);
    }

    // The pipe closes a moment before the process is reaped: the exit code is logged when it is known, never waited for
    // by the callers (an agent that closed its stdout may keep running).
    private void LogExitCode(IAgentTransport ended)
    {
        var target = connector.Target;
        var log = logger;
        ended.Exited.ContinueWith(exited => log.LogInformation("The agent on {Target} exited with code {ExitCode}", target, exited.Result),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private Exception ConnectError(Exception failure, bool timedOut) =>
        failure is OperationCanceledException && timedOut && !stopping.IsCancellationRequested
            ? new TimeoutException($"Connecting to {connector.Target} did not complete within {settings.ConnectTimeout.TotalSeconds:0.#} s.")
            : failure;

    // The writer gets a moment to drain (the SHUTDOWN reaches the agent before its stdin closes); then the transport
    // ends the process, bounded by its own escalation (close stdin, SIGTERM, SIGKILL).
    private static async Task CloseTransportAsync(IAgentTransport transport, Task drained)
    {
        await Task.WhenAny(drained, Task.Delay(DrainGrace)).ConfigureAwait(false);
        await transport.DisposeAsync().ConfigureAwait(false);
    }

    // Stopped while connecting: a connect that still succeeds must not leave its agent running.
    private static async Task CloseLateAsync(Task<IAgentTransport> pending)
    {
        try
        {
            await (await pending.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connect failed after all: the connector has cleaned up after itself.
        }
    }
}
