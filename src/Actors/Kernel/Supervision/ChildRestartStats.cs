namespace Rmote.Actors;

/// <summary>A supervisor's record of one child: how many restarts it had in the current time window.</summary>
internal sealed class ChildRestartStats(LocalActorRef child)
{
    private int _restartCount;
    private long _windowStart;

    public LocalActorRef Child { get; } = child;

    /// <summary>Whether the parent has stopped this child (it waits for such children before a restart or stop).</summary>
    public bool IsStopping { get; set; }

    /// <summary>
    /// Counts a restart and answers whether it is allowed: -1 retries = always; 0 = never; otherwise at most
    /// <paramref name="maxNrOfRetries"/> within <paramref name="window"/> (or in total when there is no window).
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window)
    {
        if (maxNrOfRetries < 0) return true;
        if (window is not { } within)
        {
            _restartCount++;
            return _restartCount <= maxNrOfRetries;
        }

        var now = Environment.TickCount64;
        if (_windowStart == 0 || now - _windowStart > (long)within.TotalMilliseconds)
        {
            // A new window starts with this restart.
            _windowStart = now;
            _restartCount = 1;
            return maxNrOfRetries >= 1;
        }
        _restartCount++;
        return _restartCount <= maxNrOfRetries;
    }
}
