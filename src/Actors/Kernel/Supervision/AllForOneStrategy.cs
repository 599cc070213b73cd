namespace Rmote.Actors;

/// <summary>Applies the directive to all children of the supervisor when one of them fails.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>
    /// Creates the strategy. <paramref name="maxNrOfRetries"/>: -1 unlimited, 0 never restart; more restarts than that
    /// within <paramref name="withinTimeRange"/> (zero or infinite = no window) turn Restart into Stop.
    /// </summary>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    private protected override bool CanRestart(ChildRestartStats failed, IReadOnlyList<ChildRestartStats> children)
    {
        // Every child is restarted, so every child's budget counts (no short-circuit: each one records the restart).
        var allowed = true;
        foreach (var child in children) allowed &= RequestRestartPermission(child);
        return allowed;
    }

    private protected override void ProcessFailure(
        ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        foreach (var child in children)
        {
            if (!restart)
            {
                supervisor.Stop(child.Child);
                continue;
            }
            // The failed child is suspended already; its siblings are suspended first so none of them processes a
            // message between the decision and its restart.
            if (child != failed) child.Child.SendSystem(Suspend.Instance);
            child.Child.SendSystem(new Recreate(cause));
        }
    }
}
