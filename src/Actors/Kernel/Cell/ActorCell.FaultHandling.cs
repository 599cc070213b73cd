using Microsoft.Extensions.Logging;

namespace Rmote.Actors;

// Failure and supervision, as in Akka: a failing actor suspends itself and its children and reports Failed to its
// parent; the parent's strategy answers with Resume, Recreate (restart), Terminate (stop) or fails itself (escalate).
// A restart calls PreRestart on the old instance, waits for the children it stopped, then creates the new instance.
internal sealed partial class ActorCell
{
    private int _suspendCount;
    private bool _isFailed;
    private object? _failedMessage;
    private IActorRef? _perpetrator;
    private Exception? _restartCause;

    /// <summary>
    /// This actor failed: suspend it and its children and ask the supervisor. <paramref name="escalatingChild"/> is the
    /// child whose failure this actor escalates; it is suspended already and is resumed with the cause later.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? message, IActorRef? escalatingChild = null)
    {
        if (_isFailed || _terminating)
        {
            System.Log.LogError(cause, "Actor {Actor} failed while already failed or stopping", SelfRef.Path);
            return;
        }
        _isFailed = true;
        _failedMessage = message;
        _perpetrator = escalatingChild;
        _suspendCount++;
        foreach (var child in ChildrenSnapshot())
        {
            if (!ReferenceEquals(child, escalatingChild)) child.SendSystem(Suspend.Instance);
        }
        _parent.SendSystem(new Failed(SelfRef, cause));
    }

    private void HandleFailed(Failed failed)
    {
        if (_terminating || FindChild(failed.Child) is not { IsStopping: false } stats) return; // stale failure
        var strategy = Props.SupervisorStrategy ?? _actor?.ChildSupervisorStrategy ?? SupervisorStrategy.DefaultStrategy;
        if (!strategy.HandleFailure(this, stats, failed.Cause, LiveChildStats()))
            HandleInvokeFailure(failed.Cause, null, failed.Child);
    }

    private void FaultSuspend()
    {
        _suspendCount++;
        foreach (var child in ChildrenSnapshot()) child.SendSystem(Suspend.Instance);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_terminating) return;
        if (_actor is null)
        {
            // Creation failed: resuming means trying to create again.
            FaultCreate();
            return;
        }
        if (_suspendCount > 0) _suspendCount--;
        var perpetrator = _perpetrator;
        if (causedByFailure is not null) ClearFailed();
        foreach (var child in ChildrenSnapshot())
            child.SendSystem(new Resume(ReferenceEquals(child, perpetrator) ? causedByFailure : null));
    }

    private void FaultRecreate(Exception cause)
    {
        if (_terminating || _waitingFor != ChildrenWait.None) return;
        if (_actor is not { } failed)
        {
            FaultCreate();
            return;
        }
        try
        {
            failed.AroundPreRestart(cause, _failedMessage);
        }
        catch (Exception e)
        {
            System.Log.LogError(e, "PreRestart of {Actor} failed", SelfRef.Path);
        }
        finally
        {
            _actor = null;
            DropPendingTask();
            CancelReceiveTimeout();
        }
        _restartCause = cause;
        if (!WaitForStoppingChildren(ChildrenWait.Recreation)) FinishRecreate();
    }

    private void FinishRecreate()
    {
        var cause = _restartCause!;
        _restartCause = null;
        // Children that PreRestart did not stop are restarted too, once the new instance runs.
        var survivors = ChildrenSnapshot();
        if (_suspendCount > 0) _suspendCount--;
        ClearFailed();
        try
        {
            NewActor();
            _actor!.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            _actor = null;
            HandleInvokeFailure(AsInitializationFailure(e), null);
            return;
        }
        foreach (var child in survivors) child.SendSystem(new Recreate(cause));
    }

    /// <summary>Restart of an actor whose creation failed: stop its children, then construct it again.</summary>
    private void FaultCreate()
    {
        if (_waitingFor != ChildrenWait.None) return;
        StopAllChildren();
        if (!WaitForStoppingChildren(ChildrenWait.Creation)) FinishCreate();
    }

    private void FinishCreate()
    {
        if (_suspendCount > 0) _suspendCount--;
        ClearFailed();
        HandleCreate();
    }

    private void ClearFailed()
    {
        _isFailed = false;
        _failedMessage = null;
        _perpetrator = null;
    }
}
