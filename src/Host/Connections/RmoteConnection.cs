using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Actors;
using Rmote.Actors.Connection;

namespace Rmote;

/// <summary>
/// A connection to one agent: start it with <see cref="StartLocalAsync"/>, <see cref="ConnectSshAsync"/> or
/// <see cref="StartCommandAsync"/>, call tools with <c>CallAsync</c>, dispose it to stop the agent. Thread-safe: calls
/// may be made concurrently from any thread. Behind it runs a small actor tree (one connection actor owning the agent
/// process, with children for writing, reading, tool sync, call correlation and log forwarding).
/// </summary>
public sealed partial class RmoteConnection : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly SessionHolder holder;
    private readonly ILogger logger;
    private int disposed;

    private RmoteConnection(ActorSystem system, SessionHolder holder, string target, ILogger logger)
    {
        this.system = system;
        this.holder = holder;
        this.logger = logger;
        Target = target;
    }

    /// <summary>The target as shown in logs and errors: <c>local</c>, <c>ssh user@host</c>, a command line.</summary>
    public string Target { get; }

    /// <summary>Stops the agent: its stdin is closed, then it is terminated if it doesn't exit; never hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        holder.Fail(new ObjectDisposedException(nameof(RmoteConnection), $"The connection to {Target} has been disposed."));
        await system.Terminate().ConfigureAwait(false);
        await holder.WhenShutDown().ConfigureAwait(false);
        logger.LogDebug("Connection to {Target} disposed", Target);
    }

    private static async Task<RmoteConnection> StartAsync(IAgentConnector connector, RmoteOptions? options,
        CancellationToken cancellationToken)
    {
        options ??= new RmoteOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var settings = new ConnectionSettings
        {
            LoggerFactory = loggerFactory,
            ConnectTimeout = options.ConnectTimeout,
            CallTimeout = options.CallTimeout,
        };
        var holder = new SessionHolder();
        var system = ActorSystem.Create("rmote", loggerFactory);
        var connection = new RmoteConnection(system, holder, connector.Target, loggerFactory.CreateLogger("Rmote.Connection"));
        system.ActorOf(Props.Create(() => new ConnectionSupervisor(connector, settings, holder)), "supervisor");
        try
        {
            await holder.GetAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
