namespace Rmote;

/// <summary>Streamed for a <see cref="FleetInvoke"/> with <c>StreamHostOutcomes</c>: a host got a throttle slot and started.</summary>
/// <param name="CorrelationId">The fleet invoke's correlation id.</param>
/// <param name="Host">The host's name.</param>
public sealed record HostStarted(long CorrelationId, string Host);
