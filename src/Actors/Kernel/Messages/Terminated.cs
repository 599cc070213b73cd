namespace Rmote.Actors;

/// <summary>
/// Delivered exactly once to every actor that watches <paramref name="ActorRef"/> when it has stopped (after its
/// <c>PostStop</c>). An actor that does not handle it fails with <see cref="DeathPactException"/>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
public sealed record Terminated(IActorRef ActorRef);
