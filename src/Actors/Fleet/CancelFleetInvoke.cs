namespace Rmote;

/// <summary>
/// Cancels a <see cref="FleetInvoke"/>: sent to the fleet actor by the invoke's own sender, naming its
/// <paramref name="CorrelationId"/>. Hosts that have not started yet do not start; hosts running the call are sent
/// <see cref="CancelInvoke"/> (their tool's token fires on the agent). Each of them ends with
/// <see cref="HostFailureKind.Cancelled"/> (an <see cref="OperationCanceledException"/>) — unless it finished first —
/// and the sender still gets the <see cref="FleetInvokeResult"/> with every host's outcome. A fleet invoke whose
/// sender stops is cancelled the same way, without replies.
/// </summary>
/// <param name="CorrelationId">The correlation id of the sender's fleet invoke.</param>
public sealed record CancelFleetInvoke(long CorrelationId);
