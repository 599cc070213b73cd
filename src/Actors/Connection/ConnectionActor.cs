using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

/// <summary>
/// One remote connection. It owns the agent's process and streams for exactly one incarnation: it connects on start,
/// creates the link's children (<see cref="FrameWriter"/>, <see cref="FrameReader"/>, <see cref="ToolSync"/>,
/// <see cref="RpcCorrelator"/>, <see cref="LogForwarder"/>), publishes the hot-path <see cref="Session"/> and watches
/// the link's liveness (heartbeat). Any child's failure is the link's failure: the session is closed at once (every
/// pending call ends with the reason) and the failure escalates to <see cref="ConnectionSupervisor"/>, which decides
/// between giving up and reconnecting — a reconnect is simply a new incarnation of this actor.
/// </summary>
internal sealed partial class ConnectionActor : ReceiveActor
{
    // How long a stopping link may take to write what is queued (SHUTDOWN included) before stdin is closed.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(2);

    private readonly IAgentConnector connector;
    private readonly ConnectionSettings settings;
    private readonly SessionHolder holder;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly LinkActivity activity = new();
    private IAgentChannel? channel;
    private FrameSink? sink;
    private Session? session;

    /// <summary>Sent to itself on start: connect (an async handler, so nothing else runs meanwhile).</summary>
    private sealed record Connect
    {
        public static readonly Connect Instance = new();
    }

    /// <summary>The link is up; the parent learns it so it can reset its backoff.</summary>
    public sealed record Connected(string Target, int? ProcessId);

    public ConnectionActor(IAgentConnector connector, ConnectionSettings settings, SessionHolder holder)
    {
        this.connector = connector;
        this.settings = settings;
        this.holder = holder;
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
        ReceiveAsync<Connect>(_ => ConnectAsync());
        Receive<HeartbeatTick>(_ => OnHeartbeat());
    }

    protected override void PreStart() => Self.Tell(Connect.Instance, ActorRefs.NoSender);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, TimeSpan.Zero, failure =>
    {
        // Runs in this actor the moment a child fails: end every pending call now, not after the tree has stopped.
        LinkFailed(ConnectionFailure.ForCallers(failure, connector.Target));
        return Directive.Escalate;
    });

    protected override void PostStop()
    {
        heartbeat?.Cancel();
        stopping.Cancel();
        session?.Close(new ConnectionLostException($"The connection to {connector.Target} was closed."));
        if (channel is { } open) holder.TrackShutdown(CloseChannelAsync(open, sink?.Drained ?? Task.CompletedTask));
    }

    /// <summary>
    /// The link is down. New callers are told to wait for a reconnect first (when one may follow), so that only the
    /// calls in flight right now fail — with <paramref name="failure"/>.
    /// </summary>
    private void LinkFailed(Exception failure)
    {
        if (settings.ReconnectEnabled) holder.Reconnecting(failure);
        session?.Close(failure);
    }

    private async Task ConnectAsync()
    {
        // A safety net: the connector enforces the connect timeout itself (with a better error); this bounds one that doesn't.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(settings.ConnectTimeout + ConnectGrace);
        try
        {
            // No ConfigureAwait(false): the rest of the handler must run in the actor (it creates children).
            channel = await connector.ConnectAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {connector.Target} did not complete within {settings.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        session = StartChildren(channel);
        logger.LogInformation("Connected to {Target} (pid {Pid})", channel.Target, channel.ProcessId);
        holder.Publish(session);
        StartHeartbeat();
        Context.Parent.Tell(new Connected(channel.Target, channel.ProcessId), Self);
    }

    // The writer gets a moment to drain (a SHUTDOWN queued by DisposeAsync reaches the agent before its stdin closes);
    // then the transport ends the process, bounded by its own escalation (close stdin, SIGTERM, SIGKILL).
    private static async Task CloseChannelAsync(IAgentChannel channel, Task drained)
    {
        await Task.WhenAny(drained, Task.Delay(DrainGrace)).ConfigureAwait(false);
        await channel.DisposeAsync().ConfigureAwait(false);
    }
}
