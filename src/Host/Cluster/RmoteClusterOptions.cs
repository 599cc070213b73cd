namespace Rmote;

/// <summary>How the hosts are sharded over the cluster (<c>WithRmoteHostRegion</c>, <c>WithRmoteHostProxy</c>).</summary>
public sealed record RmoteClusterOptions
{
    /// <summary>The sharded entity type's name; every member and proxy of one cluster must use the same. Default <c>rmote-hosts</c>.</summary>
    public string TypeName { get; init; } = "rmote-hosts";

    /// <summary>
    /// Number of shards the hosts are hashed into (the unit that moves between nodes); about ten per node of the
    /// largest cluster you plan is a good figure. Every member must use the same. Default 100.
    /// </summary>
    public int ShardCount { get; init; } = 100;

    /// <summary>
    /// The cluster role of the members that hold connections: give it to them (<c>ClusterOptions.Roles</c>) and not to
    /// proxy-only members — the shard coordinator's ddata state is written to a majority of the members with this role,
    /// which a proxy does not take part in. Default <c>rmote-hosts</c>.
    /// </summary>
    public string Role { get; init; } = "rmote-hosts";

    /// <summary>
    /// A host whose entity received no invoke for this long is passivated: its agent is stopped, and the next invoke
    /// connects again. <see langword="null"/>: never. Default 10 minutes.
    /// </summary>
    public TimeSpan? PassivateIdleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The timeout of a <see cref="HostInvoke"/> that names none. Default 10 minutes.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a host handed off (graceful leave, rebalance, passivation) waits for the invokes it holds — queued ones
    /// included — before stopping its connection fails the rest. Keep it below sharding's hand-off timeout. Default 30 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a value is out of range.</summary>
    internal RmoteClusterOptions Validated()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TypeName, nameof(TypeName));
        ArgumentException.ThrowIfNullOrWhiteSpace(Role, nameof(Role));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShardCount, 1, nameof(ShardCount));
        if (PassivateIdleAfter is { } idle) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(PassivateIdleAfter));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CallTimeout, TimeSpan.Zero, nameof(CallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DrainTimeout, TimeSpan.Zero, nameof(DrainTimeout));
        return this;
    }
}
