namespace Rmote.Actors;

/// <summary>
/// An immutable handle to an actor: the only way to talk to it. Safe to share between threads and to keep after the
/// actor has stopped (messages then go to dead letters).
/// </summary>
public interface IActorRef
{
    /// <summary>The actor's place in the tree, e.g. <c>rmote://system/user/parent/child</c>.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> without waiting. Messages from one sender to one receiver arrive in send order.
    /// </summary>
    /// <param name="message">Any non-null object; it should be immutable because it crosses threads.</param>
    /// <param name="sender">What the receiver sees as <c>Sender</c>; <see cref="ActorRefs.NoSender"/> for none.</param>
    void Tell(object message, IActorRef? sender);
}
