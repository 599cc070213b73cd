namespace Rmote.Actors;

/// <summary>Sent to <paramref name="Watchee"/>: <paramref name="Watcher"/> wants to know when it terminates.</summary>
internal sealed record Watch(ActorRefBase Watchee, ActorRefBase Watcher) : SystemMessage;
