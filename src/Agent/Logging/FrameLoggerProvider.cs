using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rmote.Agent.Transport;

namespace Rmote.Agent.Logging;

/// <summary>
/// Loggers whose records become LOG frames (id 0) — used by <see cref="Rmote.ToolContext.CreateLogger"/> and by the
/// agent's own diagnostics. Records share the writer's batches; a full queue makes the logging thread wait.
/// </summary>
internal sealed class FrameLoggerProvider(FrameOutbox outbox, LogLevel minimumLevel) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, FrameLogger> loggers = new(StringComparer.Ordinal);
    private int level = (int)minimumLevel;

    /// <summary>
    /// The lowest level forwarded to the host, for every logger of this provider (also those created earlier). The
    /// built-in Logger tool changes it at run time.
    /// </summary>
    public LogLevel MinimumLevel => (LogLevel)Volatile.Read(ref level);

    /// <summary>Sets <see cref="MinimumLevel"/> and returns the previous value.</summary>
    public LogLevel ExchangeMinimumLevel(LogLevel value) => (LogLevel)Interlocked.Exchange(ref level, (int)value);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, static (category, state) => new FrameLogger(category, state.outbox, state.Provider), (outbox, Provider: this));

    /// <inheritdoc />
    public void Dispose() => loggers.Clear();
}
