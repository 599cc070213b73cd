namespace Rmote.Actors;

/// <summary>
/// Where undeliverable messages go: every message is published as <see cref="DeadLetter"/> and logged. It behaves like an
/// actor that has already terminated, so watching it yields <see cref="Terminated"/> at once.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : ActorRefBase(system, path)
{
    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter letter) System.PublishDeadLetter(letter.Message, letter.Sender, letter.Recipient);
        else System.PublishDeadLetter(message, sender, this);
    }

    internal override void SendSystem(SystemMessage message) => ActorCell.ReplyAsTerminated(this, message);
}
