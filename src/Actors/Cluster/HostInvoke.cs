namespace Rmote;

/// <summary>
/// Asks the cluster to run <paramref name="Call"/> on the target host <paramref name="Host"/>, from any node: send it to
/// the node's <c>RmoteHosts</c> actor (from <c>WithRmoteHostRegion</c> or <c>WithRmoteHostProxy</c>). The host's one
/// connection lives on whichever node holds its shard; the sender gets the same replies as from a local connection
/// actor (<see cref="InvokeResult"/> with the tool's declared result type, or <c>Status.Failure(exception,
/// CorrelationId)</c> with the exception <c>CallAsync</c> would throw), rebuilt on the sender's node from the bytes of
/// the host↔agent codec. When the node holding the host is lost while the call runs, the reply is
/// <see cref="ConnectionLostException"/>; the call is never replayed.
/// </summary>
/// <param name="Host">The target host's name: the sharded entity's id (what the region's connection factory receives).</param>
/// <param name="Call">What to call (<see cref="ToolCall.Create{T}(System.Linq.Expressions.Expression{Func{T}})"/>).</param>
/// <param name="CorrelationId">Any number of the sender's choosing, echoed in the reply.</param>
/// <param name="Timeout">Bound on the whole invoke, as in <see cref="Invoke"/>; <see langword="null"/>: the cluster's default.</param>
public sealed record HostInvoke(string Host, ToolCall Call, long CorrelationId = 0, TimeSpan? Timeout = null)
{
    private const long DefaultTimeout = long.MinValue;

    // Kept as ticks: a boxed TimeSpan? would make Hyperion write (and the receiving type filter have to admit) System.TimeSpan.
    private readonly long timeoutTicks = Timeout?.Ticks ?? DefaultTimeout;

    /// <summary>Bound on the whole invoke; <see langword="null"/>: the cluster's default.</summary>
    public TimeSpan? Timeout
    {
        get => timeoutTicks == DefaultTimeout ? null : TimeSpan.FromTicks(timeoutTicks);
        init => timeoutTicks = value?.Ticks ?? DefaultTimeout;
    }
}
