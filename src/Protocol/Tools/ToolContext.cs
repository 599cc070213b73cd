using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Protocol.Tools;

namespace Rmote;

/// <summary>
/// What a tool method can know about the call it is serving: a logger whose records travel to the host, and the
/// call's cancellation token. Outside a remote call (e.g. a tool called directly in a unit test) the logger discards
/// everything and the token never cancels.
/// </summary>
public static class ToolContext
{
    // The call is per async flow (the agent's dispatcher sets it before invoking a tool method); the log sink is per
    // process, because one agent process serves exactly one connection.
    private static readonly AsyncLocal<ToolCall?> CurrentCall = new();
    private static ILoggerProvider? loggerProvider;

    /// <summary>
    /// Creates a logger whose records are forwarded to the host as LOG frames; the host logs them under the category
    /// <c>Rmote.Remote.&lt;category&gt;</c> with the level preserved.
    /// </summary>
    /// <param name="category">The logger category, usually the tool's type name.</param>
    public static ILogger CreateLogger(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return Volatile.Read(ref loggerProvider)?.CreateLogger(category) ?? NullLogger.Instance;
    }

    /// <summary>
    /// The current call's cancellation token: cancelled when the host cancels the call or the connection ends.
    /// <see cref="CancellationToken.None"/> outside a remote call.
    /// </summary>
    public static CancellationToken CancellationToken => CurrentCall.Value?.CancellationToken ?? CancellationToken.None;

    /// <summary>The call served by the current async flow, set by the agent's dispatcher.</summary>
    internal static ToolCall? Current
    {
        get => CurrentCall.Value;
        set => CurrentCall.Value = value;
    }

    /// <summary>Installs the process-wide sink for <see cref="CreateLogger"/> (the agent's LOG-frame provider).</summary>
    internal static void UseLoggerProvider(ILoggerProvider? provider) => Volatile.Write(ref loggerProvider, provider);
}
