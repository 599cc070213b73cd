namespace Rmote.Actors;

/// <summary>An actor name is empty, contains <c>/</c>, starts with <c>$</c>, or is taken by a live sibling.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);
