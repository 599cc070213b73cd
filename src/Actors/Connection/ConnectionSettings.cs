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
}
