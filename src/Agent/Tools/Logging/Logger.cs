using Microsoft.Extensions.Logging;
using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>
/// The agent's log forwarding: every record written on the agent (by tools through
/// <see cref="ToolContext.CreateLogger"/>, and the agent's own diagnostics) at or above the agent's level travels to
/// the host, where it is logged under <c>Rmote.Remote.&lt;category&gt;</c>. By default everything is forwarded and the
/// host's logging configuration filters; raising the level here saves the traffic.
/// </summary>
[Tool]
public static class Logger
{
    /// <summary>The category <see cref="Log"/> writes under (the host sees <c>Rmote.Remote.Rmote.Tools.Logger</c>).</summary>
    public const string Category = "Rmote.Tools.Logger";

    /// <summary>Forwards only records at <paramref name="level"/> or above from now on (<see cref="LogLevel.None"/>: none).</summary>
    /// <returns>The previous level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="LogLevel"/>.</exception>
    public static LogLevel SetLevel(LogLevel level) =>
        Enum.IsDefined(level) ? AgentHooks.SetLogLevel(level) : throw new ArgumentOutOfRangeException(nameof(level), level, "Not a log level.");

    /// <summary>Writes <paramref name="message"/> to the agent's log at <paramref name="level"/>, under <see cref="Category"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="LogLevel"/>.</exception>
    public static void Log(LogLevel level, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Not a log level.");
        }

        // The message is text, not a message template: logged as the state itself, braces and all.
        ToolContext.CreateLogger(Category).Log(level, default, message, null, static (text, _) => text);
    }
}
