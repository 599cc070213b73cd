using Akka.Cluster.Sharding;

namespace Rmote.Actors.Cluster;

/// <summary>
/// Entity id = the host's name; shard = a stable hash of it (<see cref="HashCodeMessageExtractor"/>, which also handles
/// sharding's own messages).
/// </summary>
internal sealed class HostMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    /// <inheritdoc />
    public override string? EntityId(object message) => message switch
    {
        HostInvoke invoke => invoke.Host,
        HostGreeting greeting => greeting.Host,
        _ => null,
    };
}
