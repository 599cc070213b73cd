namespace Rmote.Actors;

/// <summary>
/// Published on <see cref="ActorSystem.EventStream"/> for every message that could not be delivered (the recipient had
/// stopped, its bounded mailbox was full, or it was sent to <see cref="ActorSystem.DeadLetters"/>).
/// </summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Its sender (dead letters when there was none).</param>
/// <param name="Recipient">Where it was sent.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);
