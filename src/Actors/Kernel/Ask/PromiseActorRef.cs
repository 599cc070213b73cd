namespace Rmote.Actors;

/// <summary>
/// The temporary reply target of one <c>Ask</c>: the first reply completes the task, later ones go to dead letters.
/// </summary>
internal sealed class PromiseActorRef<T>(ActorSystem system) : ActorRefBase(system, system.NextTempPath())
{
    // Continuations run asynchronously: the replying actor must not run the asker's code on its own thread.
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _promise.Task;

    public override bool IsTerminated => _promise.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message switch
        {
            Status.Failure failure => _promise.TrySetException(failure.Cause),
            T reply => _promise.TrySetResult(reply),
            _ => _promise.TrySetException(new ArgumentException(
                $"Ask expected a reply of type {typeof(T).Name} but received {message.GetType().Name} from {sender?.Path}.")),
        };
        if (!completed) System.PublishDeadLetter(message, sender, this);
    }

    /// <summary>Gives up waiting; <see langword="false"/> when a reply won the race.</summary>
    public bool TryAbandon() => _promise.TrySetCanceled();

    internal override void SendSystem(SystemMessage message)
    {
        if (IsTerminated) ActorCell.ReplyAsTerminated(this, message);
    }
}
