namespace Rmote.Actors;

// Dispatch of system messages. An exception while handling one (an escalated failure, a throwing PostRestart...) is a
// failure of this actor like any other.
internal sealed partial class ActorCell
{
    private void ProcessSystemMessages()
    {
        while (_systemMailbox.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemPending);
            if (_closed) ReplyAsTerminated(SelfRef, message);
            else HandleSystemMessage(message);
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    HandleCreate();
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case Resume resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Terminate:
                    HandleTerminate();
                    break;
                case Watch watch:
                    AddWatcher(watch);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch);
                    break;
                case DeathWatchNotification notification:
                    WatchedActorTerminated(notification.Actor);
                    break;
                case ChildTerminated:
                    HandleChildTerminated();
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case ContinueAsync continuation:
                    RunContinuation(continuation);
                    break;
                case AsyncHandlerCompleted completed:
                    CompleteAsyncHandler(completed.Task);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
    }
}
