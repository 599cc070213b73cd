namespace Rmote.Actors;

/// <summary>Tell and Forward with the sender taken from the actor that is running, as in Akka.NET.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with <c>Self</c> as sender when called inside an actor, else with
    /// <see cref="ActorRefs.NoSender"/>.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message) => receiver.Tell(message, ActorCell.Current?.Self);

    /// <summary>
    /// Sends <paramref name="message"/> keeping the sender of the message being processed, so the receiver replies to
    /// the original asker. Outside an actor it is a Tell without sender.
    /// </summary>
    public static void Forward(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.CurrentSender);
}
