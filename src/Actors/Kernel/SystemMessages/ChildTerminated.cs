namespace Rmote.Actors;

/// <summary>Sent to the parent after <paramref name="Child"/> terminated and released its name.</summary>
internal sealed record ChildTerminated(IActorRef Child) : SystemMessage;
