namespace Rmote;

/// <summary>The answer to a <see cref="FleetInvoke"/>: every selected host's outcome, in the fleet's host order.</summary>
/// <param name="CorrelationId">The invoke's correlation id.</param>
/// <param name="Hosts">One outcome per selected host.</param>
public sealed record FleetInvokeResult(long CorrelationId, IReadOnlyList<HostOutcome> Hosts);
