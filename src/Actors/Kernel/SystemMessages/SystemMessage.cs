namespace Rmote.Actors;

/// <summary>
/// A kernel-internal message (create, stop, watch, failure...). System messages have their own queue and overtake
/// user messages: a cell handles every queued system message before its next user message.
/// </summary>
internal abstract record SystemMessage;
