namespace Rmote;

/// <summary>
/// Cancels an <see cref="Invoke"/>: sent to the connection actor by the invoke's own sender, naming the invoke's
/// <paramref name="CorrelationId"/>. An invoke still waiting in the queue leaves it unsent; a running one is
/// abandoned and its tool's <c>CancellationToken</c> fires on the agent. Either way the sender's answer is
/// <c>Status.Failure(OperationCanceledException, CorrelationId)</c>. An invoke that has already been answered (or an
/// id the sender never used) is left alone: every invoke is still answered exactly once.
/// </summary>
/// <param name="CorrelationId">The correlation id of the sender's invoke; every invoke of that sender with this id is cancelled.</param>
public sealed record CancelInvoke(long CorrelationId);
