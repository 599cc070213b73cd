using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

/// <summary>What the connection actors need to know, resolved from the public options once per connection.</summary>
internal sealed record ConnectionSettings
{
    /// <summary>Logger factory for the connection's own diagnostics and for forwarded remote logs.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Bound on starting the agent plus the handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Default bound on one call; <see langword="null"/> waits for ever.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>Frame size limit and compression settings, both directions.</summary>
    public FrameCodecOptions Codec { get; init; } = FrameCodecOptions.Default;

    /// <summary>Frames that may wait for the writer before senders are made to wait (backpressure).</summary>
    public int WriterQueueCapacity { get; init; } = 4096;

    /// <summary>Calls that may be in flight at once; further callers wait asynchronously.</summary>
    public int MaxCallsInFlight { get; init; } = 1024;

    /// <summary>Invokes that may wait (connecting, reconnecting, beyond <see cref="MaxCallsInFlight"/>) before more are refused.</summary>
    public int MaxQueuedInvokes { get; init; } = 100_000;

    /// <summary>Whether a link lost after the first connect is replaced by a new agent.</summary>
    public bool ReconnectEnabled { get; init; }

    /// <summary>Consecutive failed reconnect attempts before the connection gives up.</summary>
    public int MaxReconnectAttempts { get; init; } = 10;

    /// <summary>Backoff before the first reconnect attempt; doubles per attempt (with jitter).</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the backoff.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Silence after which a PING is sent; <see langword="null"/> turns heartbeats off.</summary>
    public TimeSpan? HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unanswered PINGs after which the agent is declared dead.</summary>
    public int MissedHeartbeats { get; init; } = 3;
}
