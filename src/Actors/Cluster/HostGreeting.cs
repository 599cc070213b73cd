namespace Rmote.Actors.Cluster;

/// <summary>
/// Sent by a node's invoker to a host's entity before it sends that host any invoke (and again, once a second, until
/// answered — it is idempotent): the entity answers with <see cref="HostEntityReady"/>, so the invoker always knows
/// (and watches) the entity its invokes go to, and learns from that entity's termination which of them were never
/// taken up.
/// </summary>
/// <param name="Host">The host whose entity should answer.</param>
internal sealed record HostGreeting(string Host);
