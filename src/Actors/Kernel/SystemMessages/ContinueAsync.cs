namespace Rmote.Actors;

/// <summary>
/// An <c>await</c> continuation of an actor's async handler, run inside the actor's mailbox so that it never runs
/// concurrently with the actor's other work. <paramref name="Context"/> identifies the actor instance it belongs to.
/// </summary>
internal sealed record ContinueAsync(ActorSynchronizationContext Context, SendOrPostCallback Callback, object? State)
    : SystemMessage;
