using Microsoft.Extensions.Logging;
using Rmote.Agent.Transport;
using Rmote.Protocol.Messages;

namespace Rmote.Agent.Logging;

/// <summary>One category's logger: formats each record and queues it as a LOG frame.</summary>
internal sealed class FrameLogger(string category, FrameOutbox outbox, FrameLoggerProvider provider) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.MinimumLevel && logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var record = new LogRecord(logLevel, category, eventId.Id, eventId.Name, formatter(state, exception), exception?.ToString());
        outbox.Post(ProtocolMessages.Log(record));
    }
}
