namespace Rmote;

/// <summary>
/// To the connection actor, from the actor that sent the <see cref="InvokeStream"/>: stop stream
/// <paramref name="CorrelationId"/>. The tool's token fires on the agent and its <c>finally</c> blocks run; no message
/// about the stream follows (items already on their way still arrive). Stopping the requester does the same for all
/// of its streams.
/// </summary>
/// <param name="CorrelationId">The stream's correlation id.</param>
public sealed record CancelStream(long CorrelationId);
