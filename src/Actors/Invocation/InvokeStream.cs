namespace Rmote;

/// <summary>
/// Asks a connection actor (made from <c>RmoteProps</c>) to run the streaming tool method <paramref name="Call"/> (one
/// returning <c>IAsyncEnumerable&lt;T&gt;</c>) and deliver its items as messages, under the requester's demand: the
/// sender gets up to <paramref name="Window"/> <see cref="StreamItem"/> messages, then one more for each item it asks
/// for with <see cref="StreamDemand"/> (sent to the connection), and finally <see cref="StreamCompleted"/> or
/// <c>Status.Failure(exception, CorrelationId)</c> — the tool's own exception type after the items before it,
/// <see cref="ConnectionLostException"/> when the agent goes away, <see cref="ArgumentException"/> for a call that is
/// not a streaming method (or a window out of range, or a correlation id the sender has open already). The demand
/// is the frames' credit, one to one: a requester that asks for nothing pauses the tool itself on the agent.
/// <see cref="CancelStream"/>, or the requester stopping, cancels the tool's token and runs its <c>finally</c> blocks.
/// Sent before the agent is up (or while it reconnects) it starts once the agent is there. Streams have no timeout.
/// </summary>
/// <param name="Call">What to call (<see cref="ToolCall.Create{T}(System.Linq.Expressions.Expression{Func{T}})"/> of a streaming method).</param>
/// <param name="CorrelationId">The sender's name for this stream, echoed in every message about it; unique among the sender's open streams.</param>
/// <param name="Window">Items delivered before the first <see cref="StreamDemand"/> is needed, and the most the agent runs ahead (1 to 65536).</param>
public sealed record InvokeStream(ToolCall Call, long CorrelationId = 0, int Window = InvokeStream.DefaultWindow)
{
    /// <summary>The window unless one is given: 64 items.</summary>
    public const int DefaultWindow = 64;

    /// <summary>The largest window a stream may ask for.</summary>
    public const int MaxWindow = 65536;
}
