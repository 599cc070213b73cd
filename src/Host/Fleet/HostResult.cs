namespace Rmote;

/// <summary>
/// The outcome of a fleet call on one host: it succeeded, or it failed with <see cref="Error"/> for the reason
/// <see cref="Failure"/>. One host's failure never affects another host's result.
/// </summary>
/// <param name="Host">The host.</param>
/// <param name="Elapsed">From the start of this host's work (after waiting for a throttle slot) to its end: connect, if needed, and call.</param>
/// <param name="Error">Why it failed; <c>null</c> when it succeeded.</param>
/// <param name="Failure">The kind of failure; <see cref="HostFailureKind.None"/> when it succeeded.</param>
public record HostResult(FleetHost Host, TimeSpan Elapsed, Exception? Error, HostFailureKind Failure)
{
    /// <summary>Whether the call succeeded on this host.</summary>
    public bool Succeeded => Error is null;

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded ? $"{Host.Name}: ok in {Elapsed.TotalMilliseconds:0} ms" : $"{Host.Name}: {Failure}: {Error!.Message}";
}
