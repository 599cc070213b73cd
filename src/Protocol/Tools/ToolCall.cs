namespace Rmote.Protocol.Tools;

/// <summary>The ambient state of one remote call, flowed to the tool through <see cref="ToolContext"/>.</summary>
/// <param name="RequestId">The id of the REQUEST frame being served.</param>
/// <param name="CancellationToken">Cancelled by a CANCEL frame for this id or when the connection ends.</param>
internal sealed record ToolCall(ulong RequestId, CancellationToken CancellationToken)
{
    /// <summary>
    /// Set by a streaming tool right before it yields a <c>byte[]</c> rented from <see cref="Framing.PayloadPool"/>
    /// (the built-in <c>Transfer.ReadFileAsync</c>): the agent takes it and returns the array once the item is written.
    /// </summary>
    public byte[]? PooledItem { get; set; }
}
