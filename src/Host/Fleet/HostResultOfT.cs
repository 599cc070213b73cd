namespace Rmote;

/// <summary>The outcome of a fleet call on one host, with the tool's result when it succeeded.</summary>
/// <typeparam name="T">The tool method's result type.</typeparam>
/// <param name="Host">The host.</param>
/// <param name="Value">The tool's result; <c>default</c> when the call failed.</param>
/// <param name="Elapsed">Connect (if needed) and call time on this host.</param>
/// <param name="Error">Why it failed; <c>null</c> when it succeeded.</param>
/// <param name="Failure">The kind of failure; <see cref="HostFailureKind.None"/> when it succeeded.</param>
public sealed record HostResult<T>(FleetHost Host, T? Value, TimeSpan Elapsed, Exception? Error, HostFailureKind Failure)
    : HostResult(Host, Elapsed, Error, Failure)
{
    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"{Host.Name}: {Value}" : base.ToString();
}
