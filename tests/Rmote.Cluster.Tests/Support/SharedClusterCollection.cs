namespace Rmote.Cluster.Tests.Support;

/// <summary>
/// The test classes that do not take nodes away share one three-node cluster and run one after another (a second
/// cluster at the same time would only load the shared machine).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "shared cluster";
}
