namespace Rmote.Actors.Cluster;

/// <summary>
/// Sent by a host's entity to each invoking node the first time it hears from it (its sender is the entity): the
/// invoker watches it, so a lost node fails exactly the invokes it was holding.
/// </summary>
/// <param name="Host">The host the entity holds the connection of.</param>
internal sealed record HostEntityReady(string Host);
