namespace Rmote.Actors;

/// <summary>
/// Delivered exactly once to every actor that watches <paramref name="ActorRef"/> when it has stopped (after its
/// <c>PostStop</c>). An actor that does not handle it fails with <see cref="DeathPactException"/>. As in Akka, a
/// <see cref="Terminated"/> that was not produced by the receiver's own watch (e.g. one forwarded by another actor) is
/// dropped.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
public sealed record Terminated(IActorRef ActorRef);
