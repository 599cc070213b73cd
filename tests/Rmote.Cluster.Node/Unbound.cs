namespace Rmote.Cluster.Node;

/// <summary>A type with no serializer binding: strict serialization must refuse to send it (no JSON fallback).</summary>
public sealed record Unbound(string Payload);
