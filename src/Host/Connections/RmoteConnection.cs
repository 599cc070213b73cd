using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Actors;
using Rmote.Actors.Connection;

namespace Rmote;

/// <summary>
/// A connection to one agent: start it with <see cref="StartLocalAsync"/>, <see cref="ConnectSshAsync"/> or
/// <see cref="StartCommandAsync"/>, call tools with <c>CallAsync</c>, dispose it to stop the agent. Thread-safe: calls
/// may be made concurrently from any thread. Behind it runs a small actor tree (a supervisor applying the reconnect
/// policy, one connection actor per agent incarnation owning the process, with children for writing, reading, tool
/// sync, call correlation and log forwarding).
/// </summary>
public sealed partial class RmoteConnection : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly SessionHolder holder;
    private readonly ConnectionSettings settings;
    private readonly ILogger logger;
    private int disposed;

    private RmoteConnection(ActorSystem system, ConnectionSettings settings, string target, ILogger logger)
    {
        this.system = system;
        this.settings = settings;
        this.logger = logger;
        Target = target;
        holder = new SessionHolder(OnStateChanged);
    }

    /// <summary>The target as shown in logs and errors: <c>local</c>, <c>ssh user@host</c>, a command line.</summary>
    public string Target { get; }

    /// <summary>Where the connection is in its life: connecting, connected, reconnecting or closed.</summary>
    public ConnectionState State => holder.State;

    /// <summary>
    /// Raised on every change of <see cref="State"/>, in order, on a connection thread: keep handlers short (start
    /// longer work elsewhere). An exception thrown by a handler is ignored.
    /// </summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// Stops the agent: pending calls fail with <see cref="ObjectDisposedException"/>, the agent is asked to exit
    /// (SHUTDOWN), its stdin is closed, then it is terminated if it doesn't exit; never hangs, and the process is reaped
    /// before this completes.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        var reason = new ObjectDisposedException(nameof(RmoteConnection), $"The connection to {Target} has been disposed.");
        var live = holder.Live;
        holder.Fail(reason);
        live?.ShutDown(reason);
        await system.Terminate().ConfigureAwait(false);
        await holder.WhenShutDown().ConfigureAwait(false);
        logger.LogDebug("Connection to {Target} disposed", Target);
    }

    private void OnStateChanged(ConnectionState state, Exception? reason)
    {
        if (state == ConnectionState.Reconnecting) logger.LogWarning("Connection to {Target} is reconnecting: {Reason}", Target, reason?.Message);
        else logger.LogDebug("Connection to {Target} is {State}", Target, state);
        StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(state, reason));
    }

    private static async Task<RmoteConnection> StartAsync(IAgentConnector connector, RmoteOptions? options,
        CancellationToken cancellationToken)
    {
        options ??= new RmoteOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var settings = Resolve(options, loggerFactory);
        var system = ActorSystem.Create("rmote", loggerFactory);
        var connection = new RmoteConnection(system, settings, connector.Target, loggerFactory.CreateLogger("Rmote.Connection"));
        system.ActorOf(Props.Create(() => new ConnectionSupervisor(connector, settings, connection.holder)), "supervisor");
        try
        {
            await connection.holder.GetAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static ConnectionSettings Resolve(RmoteOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCallsInFlight, 1, "options.MaxCallsInFlight");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MissedHeartbeats, "options.MissedHeartbeats");
        var reconnect = options.Reconnect ?? ReconnectPolicy.Disabled;
        return new ConnectionSettings
        {
            LoggerFactory = loggerFactory,
            ConnectTimeout = options.ConnectTimeout,
            CallTimeout = CheckTimeout(options.CallTimeout, "options.CallTimeout"),
            MaxCallsInFlight = options.MaxCallsInFlight,
            ReconnectEnabled = reconnect.Enabled,
            MaxReconnectAttempts = reconnect.MaxAttempts,
            ReconnectBaseDelay = reconnect.BaseDelay,
            ReconnectMaxDelay = reconnect.MaxDelay,
            HeartbeatInterval = CheckTimeout(options.HeartbeatInterval, "options.HeartbeatInterval"),
            MissedHeartbeats = options.MissedHeartbeats,
        };
    }

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/> means none; anything else must be positive.</summary>
    private static TimeSpan? CheckTimeout(TimeSpan? value, string name) =>
        value == Timeout.InfiniteTimeSpan || value is null ? null
        : value > TimeSpan.Zero ? value
        : throw new ArgumentOutOfRangeException(name, value, "A timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
}
