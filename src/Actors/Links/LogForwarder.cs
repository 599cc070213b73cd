using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// Turns the agent's LOG frames into records of the host's <see cref="ILoggerFactory"/>, category
/// <c>Rmote.Remote.&lt;remote category&gt;</c>, with the remote level, event id, message and exception text kept.
/// The reader calls it for each LOG frame as it arrives — not an actor of its own — so the records of a link keep the
/// agent's order, a tool's log lines are written before its result reaches the caller, and none is dropped when the
/// connection stops right after a call (a stopped actor's mailbox would be).
/// </summary>
internal sealed class LogForwarder(ILoggerFactory loggerFactory)
{
    /// <summary>The category prefix of every forwarded record.</summary>
    public const string CategoryPrefix = "Rmote.Remote.";

    private static readonly Func<LogRecord, Exception?, string> Format = static (record, _) =>
        record.Exception is null ? record.Message : record.Message + Environment.NewLine + record.Exception;

    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    /// <summary>Writes the record of one LOG frame.</summary>
    public void Forward(in Frame frame)
    {
        var record = ProtocolMessages.ReadLog(frame);
        var logger = loggers.GetOrAdd(record.Category, static (category, factory) => factory.CreateLogger(CategoryPrefix + category), loggerFactory);
        try
        {
            logger.Log(record.Level, new EventId(record.EventId, record.EventName), record, null, Format);
        }
        catch (Exception)
        {
            // The host's own logging failed (a full disk, a broken sink; Microsoft.Extensions.Logging rethrows a
            // provider's exception). Losing that record must not cost the connection and every call on it.
        }
    }
}
