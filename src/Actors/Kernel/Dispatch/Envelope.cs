namespace Rmote.Actors;

/// <summary>A user message with its sender, as queued in a mailbox (a struct: no allocation per message).</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
