namespace Rmote.Actors;

/// <summary>The failure caused by <see cref="Kill"/>. The default supervisor strategy stops the actor.</summary>
public sealed class ActorKilledException(string message) : Exception(message);
