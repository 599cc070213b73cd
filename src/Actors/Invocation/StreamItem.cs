namespace Rmote;

/// <summary>One item of a stream started with <see cref="InvokeStream"/>, sent by the connection actor, in order.</summary>
/// <param name="CorrelationId">The stream's correlation id.</param>
/// <param name="Value">The item as the tool's declared item type, boxed (an <c>int</c> stays <c>int</c>).</param>
public sealed record StreamItem(long CorrelationId, object? Value);
