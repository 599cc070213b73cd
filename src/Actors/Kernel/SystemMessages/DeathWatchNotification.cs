namespace Rmote.Actors;

/// <summary>Sent to each watcher of <paramref name="Actor"/> after it terminated; becomes a <see cref="Terminated"/>.</summary>
internal sealed record DeathWatchNotification(IActorRef Actor) : SystemMessage;
