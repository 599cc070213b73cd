namespace Rmote.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>
    /// "No sender": pass it to <see cref="IActorRef.Tell"/> from code outside actors. The receiver's <c>Sender</c>
    /// is then the system's dead letters, never <see langword="null"/>.
    /// </summary>
    public static readonly IActorRef? NoSender = null;
}
