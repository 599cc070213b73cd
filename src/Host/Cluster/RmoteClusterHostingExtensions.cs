using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Rmote.Actors.Cluster;

namespace Rmote;

/// <summary>
/// Hosts sharded over an Akka.NET cluster of controllers (Akka.Cluster.Sharding): each target host is one entity
/// holding its connection actor, entity id = the host's name, so the cluster holds one live connection per host and
/// any node can invoke on any host. Use with <c>WithRemoting</c> and <c>WithClustering</c> (a split-brain resolver).
/// </summary>
public static class RmoteClusterHostingExtensions
{
    /// <summary>
    /// Makes this member hold connections (give it the cluster role <see cref="RmoteClusterOptions.Role"/>): starts the shard region of hosts (state-store-mode ddata, idle passivation,
    /// a drain on hand-off) registered as <see cref="RmoteHostRegion"/>, and the node's <see cref="RmoteHosts"/> actor.
    /// <paramref name="connect"/> gives the <see cref="Akka.Actor.Props"/> of the connection for a host name, e.g.
    /// <c>host =&gt; RmoteProps.Ssh(host)</c>. Also sets up the node-to-node serialization (Hyperion, bound to Rmote's
    /// messages only, type filter, strict).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static AkkaConfigurationBuilder WithRmoteHostRegion(this AkkaConfigurationBuilder builder, Func<string, Props> connect,
        RmoteClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connect);
        var resolved = (options ?? new RmoteClusterOptions()).Validated();
        var shardOptions = new ShardOptions
        {
            StateStoreMode = StateStoreMode.DData,
            RememberEntities = false,
            Role = resolved.Role,
            HandOffStopMessage = HostEntityStop.Instance,
            ShouldPassivateIdleEntities = resolved.PassivateIdleAfter is not null,
            PassivateIdleEntityAfter = resolved.PassivateIdleAfter,
        };
        // A hand-off waits for the entities' drain: the shutdown phase and the hand-off must outlast it.
        var drainBound = (int)(resolved.DrainTimeout + TimeSpan.FromSeconds(5)).TotalMilliseconds;
        var handOff = $"akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = {drainBound}ms\nakka.cluster.sharding.handoff-timeout = {drainBound}ms";
        return WithInvoker(builder.AddHocon(ClusterSerialization.Config(), HoconAddMode.Prepend).AddHocon(handOff, HoconAddMode.Prepend)
            .WithShardRegion<RmoteHostRegion>(resolved.TypeName, host => HostEntity.Props(host, connect(host), resolved.DrainTimeout),
                new HostMessageExtractor(resolved.ShardCount), shardOptions), resolved);
    }

    /// <summary>
    /// Makes this member a client of the cluster's hosts that holds no connection: a shard region proxy registered as
    /// <see cref="RmoteHostRegion"/>, and the node's <see cref="RmoteHosts"/> actor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static AkkaConfigurationBuilder WithRmoteHostProxy(this AkkaConfigurationBuilder builder, RmoteClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resolved = (options ?? new RmoteClusterOptions()).Validated();
        // A hand-off waits for the entities' drain: the shutdown phase and the hand-off must outlast it.
        var drainBound = (int)(resolved.DrainTimeout + TimeSpan.FromSeconds(5)).TotalMilliseconds;
        var handOff = $"akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = {drainBound}ms\nakka.cluster.sharding.handoff-timeout = {drainBound}ms";
        return WithInvoker(builder.AddHocon(ClusterSerialization.Config(), HoconAddMode.Prepend).AddHocon(handOff, HoconAddMode.Prepend)
            .WithShardRegionProxy<RmoteHostRegion>(resolved.TypeName, resolved.Role, new HostMessageExtractor(resolved.ShardCount)), resolved);
    }

    private static AkkaConfigurationBuilder WithInvoker(AkkaConfigurationBuilder builder, RmoteClusterOptions options) =>
        builder.WithActors((system, registry) =>
            registry.Register<RmoteHosts>(system.ActorOf(HostInvoker.Props(registry.Get<RmoteHostRegion>(), options.CallTimeout), "rmote-hosts")));
}
