namespace Rmote.Actors;

/// <summary>No reply to an <c>Ask</c> arrived within its timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
