namespace Rmote.Actors;

/// <summary>
/// Base class of every actor. An actor is created only through <see cref="Props"/> and <c>ActorOf</c>; the kernel calls
/// <see cref="Receive"/> for one message at a time, so the actor's fields need no locks.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private SupervisorStrategy? _supervisorStrategy;

    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    /// <exception cref="ActorInitializationException">The actor was created with <c>new</c> instead of <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Creating ?? throw new ActorInitializationException(
            null, $"{GetType().Name} must be created with Props and ActorOf, not with new.", null);
    }

    /// <summary>This actor's view of itself and the system.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>Sender of the message being processed; dead letters when it had none. Never <see langword="null"/>.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles a message; returns <see langword="false"/> when it does not (the message is then unhandled).</summary>
    protected abstract bool Receive(object message);

    /// <summary>Runs after the constructor, before the first message.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs after every child has stopped and before watchers learn that this actor stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Runs on the failed instance before a restart. By default it stops all children (the restart waits until they
    /// have terminated) and calls <see cref="PostStop"/>.
    /// </summary>
    /// <param name="reason">The exception that caused the restart.</param>
    /// <param name="message">The message being processed when the actor failed, if any (it is not processed again).</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the new instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// The strategy for this actor's children (asked once per instance). <see cref="Props.WithSupervisorStrategy"/>
    /// takes precedence.
    /// </summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for a message no behaviour handled: a <see cref="Terminated"/> throws <see cref="DeathPactException"/>,
    /// anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.PublishUnhandled(message);
    }

    /// <summary>Replaces the current behaviour with <paramref name="receive"/>.</summary>
    protected void Become(Receive receive) => Context.Become(receive);

    internal ActorCell Cell => _cell;

    internal Receive InitialBehavior => Receive;

    internal SupervisorStrategy ChildSupervisorStrategy => _supervisorStrategy ??= SupervisorStrategy();

    /// <summary>Called by the kernel once the constructor has returned.</summary>
    internal virtual void OnConstructed()
    {
    }

    internal void AroundPreStart() => PreStart();

    internal void AroundPostStop()
    {
        try
        {
            // Stashed messages were accepted by this actor; they go back to the mailbox, which is drained to dead letters.
            if (this is IWithStash withStash) withStash.Stash.UnstashAll();
        }
        finally
        {
            PostStop();
        }
    }

    internal void AroundPreRestart(Exception reason, object? message)
    {
        // The new instance processes the stashed messages first, before the rest of the mailbox.
        if (this is IWithStash withStash) withStash.Stash.UnstashAll();
        PreRestart(reason, message);
    }

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal void AroundUnhandled(object message) => Unhandled(message);
}
