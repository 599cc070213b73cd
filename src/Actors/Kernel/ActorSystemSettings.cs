using Microsoft.Extensions.Logging;

namespace Rmote.Actors;

/// <summary>Options of an <see cref="ActorSystem"/>.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>Where the kernel logs failures, dead letters and unhandled messages; none when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// User messages an actor processes per turn on a thread before it yields to other actors (default 300). Higher values
    /// favour throughput, lower values fairness.
    /// </summary>
    public int Throughput { get; init; } = 300;

    /// <summary>
    /// Timeout of an <c>Ask</c> called without one; <see langword="null"/> (default) waits until a reply or cancellation.
    /// </summary>
    public TimeSpan? AskTimeout { get; init; }
}
