namespace Rmote;

/// <summary>
/// Asks a connection actor (made from <c>RmoteProps</c>) to run <paramref name="Call"/> on its agent. The sender gets
/// <see cref="InvokeResult"/> with the same <paramref name="CorrelationId"/>, or <c>Status.Failure(exception,
/// CorrelationId)</c> with the exceptions <c>RmoteConnection.CallAsync</c> throws: the remote exception's own type,
/// <see cref="TimeoutException"/>, <see cref="ConnectionLostException"/>, <see cref="ProtocolException"/>,
/// <see cref="ArgumentException"/> for a call this process cannot resolve, <see cref="InvokeQueueFullException"/> when
/// the connection's queue is full. An invoke sent before the agent is up (or while it reconnects, or beyond
/// <c>RmoteOptions.MaxCallsInFlight</c>) waits in a bounded queue; its timeout counts from its arrival.
/// </summary>
/// <param name="Call">What to call (<see cref="ToolCall.Create{T}(System.Linq.Expressions.Expression{Func{T}})"/>).</param>
/// <param name="CorrelationId">Any number of the sender's choosing, echoed in the reply.</param>
/// <param name="Timeout">
/// Bound on the whole invoke (queueing included); when it passes the reply is a <see cref="TimeoutException"/> and the
/// tool's token fires on the agent. <see langword="null"/>: <c>RmoteOptions.CallTimeout</c>;
/// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: none.
/// </param>
public sealed record Invoke(ToolCall Call, long CorrelationId = 0, TimeSpan? Timeout = null);
