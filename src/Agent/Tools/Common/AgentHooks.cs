using Microsoft.Extensions.Logging;

namespace Rmote.Tools.Common;

/// <summary>
/// What the agent lets the built-in tools control about itself. The agent installs these when its session starts
/// (it references this assembly, which lives in its default load context, so every tool sees the same statics); called
/// outside an agent — a tool method invoked directly in a unit test — they report that there is no agent.
/// </summary>
internal static class AgentHooks
{
    private static Func<LogLevel, LogLevel>? setLogLevel;
    private static Action<int>? requestExit;

    /// <summary>Installs the agent's handlers; <see langword="null"/> uninstalls them (the session ended).</summary>
    /// <param name="logLevel">Sets the lowest level forwarded to the host and returns the previous one.</param>
    /// <param name="exit">Ends the agent with the given exit code once the current call's reply has been sent.</param>
    public static void Install(Func<LogLevel, LogLevel>? logLevel, Action<int>? exit)
    {
        Volatile.Write(ref setLogLevel, logLevel);
        Volatile.Write(ref requestExit, exit);
    }

    /// <summary>Sets the lowest forwarded level; returns the previous one.</summary>
    public static LogLevel SetLogLevel(LogLevel level) => (Volatile.Read(ref setLogLevel) ?? throw NoAgent())(level);

    /// <summary>Asks the agent to exit with <paramref name="code"/> after the current reply.</summary>
    public static void RequestExit(int code) => (Volatile.Read(ref requestExit) ?? throw NoAgent())(code);

    private static InvalidOperationException NoAgent() =>
        new("This tool method controls the Rmote agent it runs in; call it through a connection (RmoteConnection.CallAsync).");
}
