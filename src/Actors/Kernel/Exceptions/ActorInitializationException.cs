namespace Rmote.Actors;

/// <summary>
/// An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw. The default supervisor strategy stops the actor.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception for <paramref name="actor"/>, wrapping what its initialisation threw.</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? innerException)
        : base(message, innerException) => Actor = actor;

    /// <summary>The actor that could not be initialised.</summary>
    public IActorRef? Actor { get; }
}
