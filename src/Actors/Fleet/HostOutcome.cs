namespace Rmote;

/// <summary>How one host of a <see cref="FleetInvoke"/> ended.</summary>
/// <param name="CorrelationId">The fleet invoke's correlation id.</param>
/// <param name="Host">The host's name.</param>
/// <param name="Value">The tool's result (its declared type, boxed; <see langword="null"/> for void/Task or on failure).</param>
/// <param name="Error">Why it failed (the exceptions <c>RmoteConnection.CallAsync</c> throws); <see langword="null"/> on success.</param>
/// <param name="Failure">The kind of failure; <see cref="HostFailureKind.None"/> on success.</param>
/// <param name="Elapsed">From the host's start (its throttle slot) to its end, connect included.</param>
public sealed record HostOutcome(long CorrelationId, string Host, object? Value, Exception? Error, HostFailureKind Failure, TimeSpan Elapsed)
{
    /// <summary>Whether the call succeeded on this host.</summary>
    public bool Succeeded => Error is null;
}
