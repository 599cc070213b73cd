namespace Rmote.Cluster.Node;

/// <summary>
/// A type outside Rmote's serialization filter. A node started with <c>--smuggle</c> binds it to Hyperion (as a
/// careless or hostile member would) and sends it; the receiving node must refuse it.
/// </summary>
public sealed record Smuggled(string Payload);
