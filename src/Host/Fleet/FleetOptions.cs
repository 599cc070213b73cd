namespace Rmote;

/// <summary>Options of a <see cref="RmoteFleet"/>.</summary>
public sealed record FleetOptions
{
    /// <summary>
    /// At most this many hosts connecting or running a call at once (Ansible's <c>forks</c>, PowerShell's
    /// <c>-ThrottleLimit</c>); the others wait for a slot. Default 32.
    /// </summary>
    public int ThrottleLimit { get; init; } = 32;

    /// <summary>
    /// Per-host timeout of one call (the connect, if the host has no kept connection, is bounded by
    /// <see cref="RmoteOptions.ConnectTimeout"/> of <see cref="Connection"/>). A host that runs out ends with
    /// <see cref="HostFailureKind.TimedOut"/>; the others are not affected. <c>null</c> uses
    /// <see cref="RmoteOptions.CallTimeout"/> of <see cref="Connection"/>.
    /// </summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>
    /// Options of every host's connection (logging, connect timeout, heartbeats, reconnect policy unless the host has
    /// its own). Default: <see cref="RmoteOptions"/> defaults with a 15 s connect timeout.
    /// </summary>
    public RmoteOptions Connection { get; init; } = new() { ConnectTimeout = TimeSpan.FromSeconds(15) };

    /// <summary>
    /// A kept connection unused for this long is closed (the next call to that host connects again);
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps connections until the fleet is disposed. Default 5 minutes.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receives every host's progress (started, succeeded, failed) of every call, like <see cref="RmoteFleet.Progress"/>.</summary>
    public IProgress<HostProgress>? Progress { get; init; }
}
