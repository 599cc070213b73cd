using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>Ends the agent.</summary>
[Tool]
public static class Quit
{
    /// <summary>
    /// Ends the agent cleanly with exit code <paramref name="code"/>: this call returns normally, the agent stops
    /// reading, sends what it has queued and exits. The host then sees the connection close: later calls fail with
    /// <see cref="ConnectionLostException"/>. Calls still running on the agent at that moment are abandoned.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is outside 0–255.</exception>
    public static void Exit(int code = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 255);
        AgentHooks.RequestExit(code);
    }
}
