namespace Rmote;

/// <summary>
/// To the connection actor, from the actor that sent the <see cref="InvokeStream"/>: deliver <paramref name="Count"/>
/// more items of stream <paramref name="CorrelationId"/>. Demand adds up; a demand for a stream that has ended (or a
/// count that is not positive) is ignored.
/// </summary>
/// <param name="CorrelationId">The stream's correlation id.</param>
/// <param name="Count">How many more items the requester has room for.</param>
public sealed record StreamDemand(long CorrelationId, int Count);
