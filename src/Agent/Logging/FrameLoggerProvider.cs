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

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, static (category, state) => new FrameLogger(category, state.outbox, state.minimumLevel), (outbox, minimumLevel));

    /// <inheritdoc />
    public void Dispose() => loggers.Clear();
}
