using Microsoft.Extensions.Logging;

namespace Rmote.Actors;

/// <summary>
/// How a parent reacts when a child fails: a decider maps the exception to a <see cref="Directive"/>, and the strategy
/// applies it to the failed child only (<see cref="OneForOneStrategy"/>) or to all children (<see cref="AllForOneStrategy"/>).
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNrOfRetries < -1) throw new ArgumentOutOfRangeException(nameof(maxNrOfRetries), "Use -1 for unlimited.");
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>
    /// The default of every actor: one-for-one, unlimited restarts; <see cref="ActorInitializationException"/>,
    /// <see cref="ActorKilledException"/> and <see cref="DeathPactException"/> stop the child, anything else restarts it.
    /// </summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>The decider of <see cref="DefaultStrategy"/>.</summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>: -1 unlimited, 0 never.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window for <see cref="MaxNumberOfRetries"/>; zero or infinite means "no window" (a total count).</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    private TimeSpan? Window => WithinTimeRange > TimeSpan.Zero && WithinTimeRange != Timeout.InfiniteTimeSpan
        ? WithinTimeRange
        : null;

    /// <summary>Applies the decision to a failure; <see langword="false"/> means escalate.</summary>
    internal bool HandleFailure(ActorCell supervisor, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        var directive = Decide(cause);
        Log(supervisor, failed.Child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystem(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(supervisor, CanRestart(failed, children), failed, cause, children);
                return true;
            case Directive.Stop:
                ProcessFailure(supervisor, restart: false, failed, cause, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether the children this strategy restarts are all within their retry budget.</summary>
    private protected abstract bool CanRestart(ChildRestartStats failed, IReadOnlyList<ChildRestartStats> children);

    /// <summary>Restarts or stops the affected children.</summary>
    private protected abstract void ProcessFailure(
        ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children);

    private protected bool RequestRestartPermission(ChildRestartStats child) =>
        child.RequestRestartPermission(MaxNumberOfRetries, Window);

    private Directive Decide(Exception cause)
    {
        try
        {
            return Decider(cause);
        }
        catch (Exception)
        {
            // A decider that throws cannot decide: hand the failure upwards rather than guess.
            return Directive.Escalate;
        }
    }

    private static void Log(ActorCell supervisor, IActorRef child, Exception cause, Directive directive)
    {
        if (directive == Directive.Escalate) return; // the supervisor that finally decides logs it
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        supervisor.System.Log.Log(level, cause, "Actor {Actor} failed ({Directive}): {Message}", child.Path, directive, cause.Message);
    }
}
