using Microsoft.Extensions.Logging;

namespace Rmote.Actors.Connection;

/// <summary>
/// One remote connection. It owns the agent's process and streams for exactly one incarnation: it connects on start,
/// creates the link's children (<see cref="FrameWriter"/>, <see cref="FrameReader"/>, <see cref="ToolSync"/>,
/// <see cref="RpcCorrelator"/>, <see cref="LogForwarder"/>) and publishes the hot-path <see cref="Session"/>. Any
/// child's failure is the link's failure: the session is closed at once (every pending call ends with the reason) and
/// the failure escalates to <see cref="ConnectionSupervisor"/>, which decides between giving up and reconnecting —
/// a reconnect is simply a new incarnation of this actor.
/// </summary>
internal sealed partial class ConnectionActor : ReceiveActor
{
    private readonly IAgentConnector connector;
    private readonly ConnectionSettings settings;
    private readonly SessionHolder holder;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private IAgentChannel? channel;
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
    }

    protected override void PreStart() => Self.Tell(Connect.Instance, ActorRefs.NoSender);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, TimeSpan.Zero, failure =>
    {
        // Runs in this actor the moment a child fails: end every pending call now, not after the tree has stopped.
        session?.Close(ConnectionFailure.ForCallers(failure, connector.Target));
        return Directive.Escalate;
    });

    protected override void PostStop()
    {
        stopping.Cancel();
        var reason = new ConnectionLostException($"The connection to {connector.Target} was closed.");
        session?.Close(reason);
        if (channel is { } open) holder.TrackShutdown(open.DisposeAsync().AsTask());
    }

    private async Task ConnectAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(settings.ConnectTimeout);
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
        Context.Parent.Tell(new Connected(channel.Target, channel.ProcessId), Self);
    }
}
