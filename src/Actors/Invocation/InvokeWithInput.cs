namespace Rmote.Actors.Invocation;

/// <summary>
/// An <see cref="Invoke"/> whose tool also reads a stream from the host (an upload: <c>Transfer.ReceiveFileAsync</c>):
/// answered like an invoke, by <see cref="InvokeResult"/> or <c>Status.Failure</c>, after the last chunk of
/// <see cref="Input"/> was sent and the tool returned. Local only (a stream cannot travel), so never serialized.
/// </summary>
internal sealed record InvokeWithInput(ToolCall Call, long CorrelationId, TimeSpan? Timeout, InvokeInput Input) : INoSerializationVerificationNeeded;
