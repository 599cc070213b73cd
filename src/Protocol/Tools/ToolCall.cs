namespace Rmote.Protocol.Tools;

/// <summary>The ambient state of one remote call, flowed to the tool through <see cref="ToolContext"/>.</summary>
/// <param name="RequestId">The id of the REQUEST frame being served.</param>
/// <param name="CancellationToken">Cancelled by a CANCEL frame for this id or when the connection ends.</param>
internal sealed record ToolCall(ulong RequestId, CancellationToken CancellationToken);
