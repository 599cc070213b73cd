using Microsoft.Extensions.Logging;

namespace Rmote.Actors;

// Creation and termination. Stopping is: stop every child, wait until each has terminated, then PostStop, then close
// the mailbox (queued messages go to dead letters), release the name in the parent, tell the parent and the watchers.
internal sealed partial class ActorCell
{
    private bool _terminating;

    private void HandleCreate()
    {
        try
        {
            NewActor();
            _actor!.AroundPreStart();
        }
        catch (Exception e)
        {
            // An instance that never started is not stopped: no PostStop for it.
            _actor = null;
            HandleInvokeFailure(AsInitializationFailure(e), null);
        }
    }

    private void NewActor()
    {
        _syncContext = new ActorSynchronizationContext(this);
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        ActorBase actor;
        t_creating = this;
        try
        {
            actor = Props.Factory();
        }
        finally
        {
            t_creating = null;
        }
        actor.OnConstructed();
        if (actor is IWithStash withStash) withStash.Stash = new ActorStash(this);
        ResetBehavior(actor);
        _actor = actor;
    }

    private ActorInitializationException AsInitializationFailure(Exception e) => e as ActorInitializationException
        ?? new ActorInitializationException(SelfRef, $"Exception while creating actor {SelfRef.Path}: {e.Message}", e);

    private void HandleTerminate()
    {
        if (_terminating) return;
        lock (_childrenLock) _terminating = true;
        CancelReceiveTimeout();
        DropPendingTask();
        StopAllChildren();
        if (!WaitForStoppingChildren(ChildrenWait.Termination)) FinishTerminate();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        _actor = null;
        try
        {
            actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            // The actor is stopping anyway: a failing PostStop is reported, never escalated.
            System.Log.LogError(e, "PostStop of {Actor} failed", SelfRef.Path);
        }
        finally
        {
            _closed = true;
            DisposeReceiveTimeout();
            DrainToDeadLetters();
            _parentCell?.RemoveChild(this);
            _parent.SendSystem(new ChildTerminated(SelfRef));
            TellWatchersWeDied();
            UnwatchWatchedActors();
        }
    }
}
