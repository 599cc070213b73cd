namespace Rmote.Actors;

/// <summary>Sent to the parent: <paramref name="Child"/> failed with <paramref name="Cause"/> and is suspended.</summary>
internal sealed record Failed(IActorRef Child, Exception Cause) : SystemMessage;
