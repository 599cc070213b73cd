using Rmote.Actors;

namespace Rmote.TestKit;

/// <summary>A message a probe received, with its sender.</summary>
public readonly record struct ReceivedMessage(object Message, IActorRef Sender);
