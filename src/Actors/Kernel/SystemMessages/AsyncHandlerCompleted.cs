namespace Rmote.Actors;

/// <summary>The task of an async handler completed: resume user messages, or fail if the task faulted.</summary>
internal sealed record AsyncHandlerCompleted(Task Task) : SystemMessage;
