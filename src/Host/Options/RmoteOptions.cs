using Microsoft.Extensions.Logging;

namespace Rmote;

/// <summary>Options shared by every way of starting an agent (local, SSH, any command).</summary>
public sealed record RmoteOptions
{
    /// <summary>Where the transport, bootstrap and forwarded remote logs go; <c>null</c> logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Upper bound for everything up to a running agent: starting the process (SSH retries included), the bootstrap,
    /// a bundle upload and the handshake. The process is killed when it runs out. Default 30 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Default timeout of a single call; <c>null</c> waits until the call completes or is cancelled.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>
    /// Whether a connection that drops after it was established starts a new agent (see <see cref="ReconnectPolicy"/>).
    /// Default <see cref="ReconnectPolicy.Disabled"/>.
    /// </summary>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Disabled;

    /// <summary>
    /// How long the link may be silent before the host sends a PING; <see cref="Timeout.InfiniteTimeSpan"/> turns
    /// heartbeats off. Default 5 s. Any frame from the agent counts as a sign of life.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Unanswered PINGs after which the agent is declared dead (e.g. stopped with SIGSTOP, or a hung network): pending
    /// calls fail with <see cref="ConnectionLostException"/> and the reconnect policy applies. Default 3.
    /// </summary>
    public int MissedHeartbeats { get; init; } = 3;

    /// <summary>
    /// Calls that may be in flight on the connection at once; further callers wait asynchronously (backpressure,
    /// bounded by their timeout or token). Default 1024.
    /// </summary>
    public int MaxCallsInFlight { get; init; } = 1024;

    /// <summary>
    /// Invokes (<see cref="Invoke"/> messages) that may wait for the connection — while it connects or reconnects, and
    /// beyond <see cref="MaxCallsInFlight"/> — before further invokes are refused at once with
    /// <see cref="InvokeQueueFullException"/>. Default 100 000.
    /// </summary>
    public int MaxQueuedInvokes { get; init; } = 100_000;

    /// <summary>
    /// The actor system the connection's actors live in: the application's own (from Akka.Hosting or
    /// <c>ActorSystem.Create</c>). <c>null</c> (the default) uses one shared system per process, created on first use —
    /// never one system per connection. Disposing a connection stops only its own actors, never the system.
    /// </summary>
    public Akka.Actor.ActorSystem? ActorSystem { get; init; }

    /// <summary>
    /// The .NET host (<c>dotnet</c>) on the target for <c>StartCommandAsync</c>: a command name looked up in the
    /// target shell's PATH or an absolute path. <c>ConnectSshAsync</c> uses <see cref="SshOptions.Dotnet"/> instead,
    /// and a local agent runs under the same <c>dotnet</c> as this process.
    /// </summary>
    public string Dotnet { get; init; } = "dotnet";

    /// <summary>
    /// The directory on the target under which agent bundles are cached, one sub-directory per bundle hash.
    /// <c>null</c> (the default) means <c>${XDG_CACHE_HOME:-$HOME/.cache}/rmote/agent</c>. A relative path is
    /// relative to the target shell's working directory (the home directory over SSH).
    /// </summary>
    public string? AgentCacheDirectory { get; init; }

    /// <summary>The bundle to run; <c>null</c> means the one shipped next to Rmote.Host. Tests swap in variants.</summary>
    internal Bootstrap.AgentBundle? AgentBundle { get; init; }
}
