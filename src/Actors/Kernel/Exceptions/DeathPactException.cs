namespace Rmote.Actors;

/// <summary>
/// Thrown by an actor that watched <see cref="DeadActor"/> and did not handle its <see cref="Terminated"/>.
/// The default supervisor strategy stops the actor.
/// </summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor [{deadActor.Path}] terminated and its Terminated message was not handled.")
{
    /// <summary>The watched actor that terminated.</summary>
    public IActorRef DeadActor { get; } = deadActor;
}
