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

    /// <summary>
    /// Cluster mode: a node's <c>RmoteHosts</c> actor (<c>registry.Get&lt;RmoteHosts&gt;()</c> on a member set up with
    /// <c>WithRmoteHostRegion</c> or <c>WithRmoteHostProxy</c>; see docs/cluster.md). Every host's invoke then goes
    /// through it to the host's one connection, on whichever node of the cluster holds it, instead of to a connection
    /// of this fleet's own; the hosts' connection settings are the region members' business, and each host's call
    /// timeout includes <see cref="RmoteOptions.ConnectTimeout"/> (the fleet cannot see whether that connection is
    /// live). Selections, throttle and outcomes are as without. <see langword="null"/> (default): own connections.
    /// Give <see cref="RmoteOptions.ActorSystem"/> of <see cref="Connection"/> the same node's system.
    /// </summary>
    public Akka.Actor.IActorRef? ClusterHosts { get; init; }

    /// <summary>Receives every host's progress (started, succeeded, failed) of every call, like <see cref="RmoteFleet.Progress"/>.</summary>
    public IProgress<HostProgress>? Progress { get; init; }
}
