namespace Rmote.Actors;

/// <summary>
/// The actor's view of itself and the system, valid only while the actor processes a message (or in its constructor and
/// lifecycle hooks).
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; dead letters when it had none. Never <see langword="null"/>.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor of this actor.</summary>
    IActorRef Parent { get; }

    /// <summary>The system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>The children that have not terminated yet (a snapshot).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The receive timeout in force, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The child called <paramref name="name"/>, or <see langword="null"/>.</summary>
    IActorRef? Child(string name);

    /// <summary>
    /// Creates a child. A name must be unique among the children that have not terminated yet
    /// (<see cref="InvalidActorNameException"/>); without one a name starting with <c>$</c> is generated.
    /// </summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>
    /// Watches <paramref name="subject"/>: a <see cref="Terminated"/> arrives once it has stopped (at once if it already has).
    /// Idempotent.
    /// </summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; a <see cref="Terminated"/> for <paramref name="subject"/> still queued is discarded.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>
    /// Stops a child or this actor: the message being processed finishes, queued messages go to dead letters.
    /// </summary>
    void Stop(IActorRef actor);

    /// <summary>
    /// Sends <see cref="Actors.ReceiveTimeout.Instance"/> after <paramref name="timeout"/> without messages (and again after
    /// each further idle period); <see langword="null"/> clears it.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Returns to the behaviour before the last <see cref="BecomeStacked"/>.</summary>
    void UnbecomeStacked();
}
