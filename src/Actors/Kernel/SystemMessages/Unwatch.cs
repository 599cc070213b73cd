namespace Rmote.Actors;

/// <summary>Sent to <paramref name="Watchee"/>: <paramref name="Watcher"/> no longer watches it.</summary>
internal sealed record Unwatch(ActorRefBase Watchee, ActorRefBase Watcher) : SystemMessage;
