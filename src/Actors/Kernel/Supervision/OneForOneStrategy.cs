namespace Rmote.Actors;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>
    /// Creates the strategy. <paramref name="maxNrOfRetries"/>: -1 unlimited, 0 never restart; more restarts than that
    /// within <paramref name="withinTimeRange"/> (zero or infinite = no window) turn Restart into Stop.
    /// </summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    private protected override bool CanRestart(ChildRestartStats failed, IReadOnlyList<ChildRestartStats> children) =>
        RequestRestartPermission(failed);

    private protected override void ProcessFailure(
        ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart) failed.Child.SendSystem(new Recreate(cause));
        else supervisor.Stop(failed.Child);
    }
}
