namespace Rmote;

/// <summary>A step of one host during a fleet call (see <see cref="RmoteFleet.Progress"/> and <see cref="FleetOptions.Progress"/>).</summary>
/// <param name="Host">The host.</param>
/// <param name="State">What happened.</param>
/// <param name="Elapsed">Time since the host started (zero for <see cref="HostProgressState.Started"/>).</param>
/// <param name="Result">The outcome, for <see cref="HostProgressState.Succeeded"/> and <see cref="HostProgressState.Failed"/>.</param>
public sealed record HostProgress(FleetHost Host, HostProgressState State, TimeSpan Elapsed, HostResult? Result);
