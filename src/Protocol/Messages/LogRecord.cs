using Microsoft.Extensions.Logging;

namespace Rmote.Protocol.Messages;

/// <summary>One log record, the payload of a LOG frame (agent → host, id 0).</summary>
/// <param name="Level">The record's level.</param>
/// <param name="Category">The logger category on the agent (the host logs it as <c>Rmote.Remote.&lt;Category&gt;</c>).</param>
/// <param name="EventId">The event id's number.</param>
/// <param name="EventName">The event id's name, if any.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception's <see cref="object.ToString"/>, if one was logged.</param>
public sealed record LogRecord(LogLevel Level, string Category, int EventId, string? EventName, string Message, string? Exception);
