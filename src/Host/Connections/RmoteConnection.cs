using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Actors.Connection;
using Rmote.Connections;
using Rmote.Hosting;

namespace Rmote;

/// <summary>
/// A connection to one agent: start it with <see cref="StartLocalAsync"/>, <see cref="ConnectSshAsync"/> or
/// <see cref="StartCommandAsync"/>, call tools with <c>CallAsync</c>, dispose it to stop the agent. Thread-safe: calls
/// may be made concurrently from any thread. Behind it runs a connection actor (<see cref="Actor"/>) in the
/// application's actor system or the process's shared one: it applies the reconnect policy through Akka's backoff
/// supervision; each agent incarnation is a link actor owning the transport, with children for writing, reading, tool
/// sync, call correlation and log forwarding.
/// </summary>
public sealed partial class RmoteConnection : IAsyncDisposable
{
    private readonly LinkHolder holder;
    private readonly ConnectionSettings settings;
    private readonly ILogger logger;
    private IActorRef actor = ActorRefs.Nobody;
    private HeadStartConnector? headStart;
    private int disposed;

    private RmoteConnection(ConnectionSettings settings, string target)
    {
        this.settings = settings;
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
        Target = target;
        holder = new LinkHolder(OnStateChanged);
    }

    /// <summary>The target as shown in logs and errors: <c>local</c>, <c>ssh user@host</c>, a command line.</summary>
    public string Target { get; }

    /// <summary>Where the connection is in its life: connecting, connected, reconnecting or closed.</summary>
    public ConnectionState State => holder.State;

    /// <summary>
    /// The connection actor: send it <see cref="Invoke"/> (or use the <c>InvokeAsync</c> extensions), watch it, or
    /// subscribe to its <see cref="ConnectionStateChanged"/> events. It stops when the connection is disposed or closed.
    /// </summary>
    public IActorRef Actor => actor;

    /// <summary>
    /// Raised on every change of <see cref="State"/>, in order, on a connection thread: keep handlers short (start
    /// longer work elsewhere). An exception thrown by a handler is ignored.
    /// </summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// Stops the agent: pending calls fail with <see cref="ObjectDisposedException"/>, the agent is asked to exit
    /// (SHUTDOWN), its stdin is closed, then it is terminated if it doesn't exit; never hangs, and the process is reaped
    /// before this completes. Only this connection's actors stop; the actor system stays.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        var reason = new ObjectDisposedException(nameof(RmoteConnection), $"The connection to {Target} has been disposed.");
        var live = holder.Live;
        holder.Fail(reason);
        live?.ShutDown(reason);
        if (!actor.IsNobody())
        {
            var stopped = actor.WatchAsync();
            actor.Tell(PoisonPill.Instance, ActorRefs.NoSender);
            await stopped.ConfigureAwait(false);
        }
        if (headStart is not null) await headStart.AbandonAsync().ConfigureAwait(false);
        await holder.WhenShutDown().ConfigureAwait(false);
        logger.LogDebug("Connection to {Target} disposed", Target);
    }

    private void OnStateChanged(ConnectionState state, Exception? reason)
    {
        if (state == ConnectionState.Reconnecting) logger.LogWarning("Connection to {Target} is reconnecting: {Reason}", Target, reason?.Message);
        else logger.LogDebug("Connection to {Target} is {State}", Target, state);
        StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(state, reason));
    }

    private static async Task<RmoteConnection> StartAsync(IAgentConnector connector, RmoteOptions options, CancellationToken cancellationToken)
    {
        var settings = ConnectionSettingsFactory.From(options);
        // The agent starts now, not once the actor system and the connection's actors exist: in a fresh process
        // creating Akka's system takes longer than the agent's own start-up (cold suite, cli_ping_local_ms).
        var headStart = new HeadStartConnector(connector);
        var connection = new RmoteConnection(settings, connector.Target) { headStart = headStart };
        try
        {
            var system = options.ActorSystem ?? SharedActorSystem.Get(options.LoggerFactory);
            var guardian = RmoteExtension.For(system).Guardian;
            var props = ConnectionActor.Props(headStart, settings, connection.holder);
            // Not cancellable: once asked, the guardian creates the actor, and only a known actor can be stopped again.
            connection.actor = await guardian.Ask<IActorRef>(new ConnectionsGuardian.Create(props, "connection"), CancellationToken.None).ConfigureAwait(false);
            await connection.holder.GetAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
