using Rmote.TestKit.Cluster;

namespace Rmote.Cluster.Tests.Support;

/// <summary>One three-node cluster shared by the tests that do not take nodes away (see <see cref="SharedClusterCollection"/>).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
