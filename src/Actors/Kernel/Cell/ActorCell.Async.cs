namespace Rmote.Actors;

// Async handlers. While a handler's task runs, user messages wait; its await continuations are posted (through the
// actor's SynchronizationContext) as system messages, so they run inside the mailbox, one at a time, with Sender intact.
// A new actor instance gets a new context, so continuations of an instance that was restarted or stopped are dropped.
internal sealed partial class ActorCell
{
    private ActorSynchronizationContext? _syncContext;
    private Task? _pendingTask;
    private object? _asyncMessage;
    private IActorRef? _asyncSender;

    /// <summary>Suspends user messages until <paramref name="task"/> completes; a synchronous failure rethrows now.</summary>
    internal void RunTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        _pendingTask = task;
        _asyncMessage = _currentMessage;
        _asyncSender = _currentSender;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => SendSystem(new AsyncHandlerCompleted(task)));
    }

    private void RunContinuation(ContinueAsync continuation)
    {
        if (!ReferenceEquals(continuation.Context, _syncContext) || _actor is null) return;
        _currentMessage = _asyncMessage;
        _currentSender = _asyncSender;
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception e)
        {
            // Only an async void method lets an exception escape its continuation.
            HandleInvokeFailure(e, _asyncMessage);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void CompleteAsyncHandler(Task task)
    {
        if (!ReferenceEquals(task, _pendingTask)) return;
        var message = _asyncMessage;
        DropPendingTask();
        if (task.IsFaulted) HandleInvokeFailure(task.Exception!.InnerException ?? task.Exception, message);
        else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task), message);
        else if (_receiveTimeout is not null) RescheduleReceiveTimeout();
    }

    private void DropPendingTask()
    {
        _pendingTask = null;
        _asyncMessage = null;
        _asyncSender = null;
    }
}
