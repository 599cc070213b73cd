namespace Rmote.Actors;

/// <summary>Published on <see cref="ActorSystem.EventStream"/> for every message an actor did not handle.</summary>
/// <param name="Message">The message no behaviour matched.</param>
/// <param name="Sender">Its sender (dead letters when there was none).</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
