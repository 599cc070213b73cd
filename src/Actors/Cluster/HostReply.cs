namespace Rmote.Actors.Cluster;

/// <summary>
/// The node-to-node reply to a <see cref="HostInvoke"/>: the agent's response as the host↔agent codec encodes it
/// (flags and payload of an RPC response frame: the result's JSON by its declared type, raw bytes for a <c>byte[]</c>,
/// or an exception payload). Decoded on the receiving node by the method <paramref name="Key"/> names, so no user type
/// and no exception object is ever deserialized from another node by type name.
/// </summary>
/// <param name="CorrelationId">The invoke's id on the invoking node.</param>
/// <param name="Key">The tool method's key (what decodes <paramref name="Payload"/>).</param>
/// <param name="Flags">The response frame's flags (<c>Binary</c>, <c>Exception</c>).</param>
/// <param name="Payload">The response frame's payload.</param>
internal sealed record HostReply(long CorrelationId, string Key, int Flags, byte[] Payload);
