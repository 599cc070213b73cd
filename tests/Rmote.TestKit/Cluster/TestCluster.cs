using System.Net;
using System.Net.Sockets;

namespace Rmote.TestKit.Cluster;

/// <summary>Three (or more) controller processes forming one cluster on free 127.0.0.1 ports; disposing kills them all.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Bound for anything a busy shared 2-core machine should manage (starting a node, a first connect).</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly List<ClusterNode> all = [];

    private TestCluster(IReadOnlyList<int> seeds) => Seeds = seeds;

    /// <summary>The seed ports (the first two nodes').</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>The nodes started so far that have not been removed by <see cref="Kill"/> or <see cref="LeaveAsync"/>.</summary>
    public List<ClusterNode> Nodes { get; } = [];

    /// <summary>
    /// Starts <paramref name="count"/> nodes and waits until each is Up. A node that exits before it is up (its free
    /// port taken by another process of the shared machine in between) makes a fresh start on new ports, at most thrice.
    /// </summary>
    public static async Task<TestCluster> StartAsync(int count, params string[] extra)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = Enumerable.Range(0, count).Select(_ => FreePort()).ToArray();
            var cluster = new TestCluster(ports.Take(Math.Min(2, count)).ToArray());
            try
            {
                foreach (var port in ports) cluster.Add(ClusterNode.Start(port, cluster.Seeds, extra));
                foreach (var node in cluster.Nodes) await node.WaitUpAsync(Generous);
                return cluster;
            }
            catch (Exception) when (attempt < 3 && cluster.Nodes.Any(n => n.HasExited))
            {
                await cluster.DisposeAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts one more node (same seeds) and waits until it is Up.</summary>
    public async Task<ClusterNode> AddNodeAsync(int? port = null, params string[] extra)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = Add(ClusterNode.Start(port ?? FreePort(), Seeds, extra));
            try
            {
                await node.WaitUpAsync(Generous);
                return node;
            }
            catch (Exception) when (port is null && attempt < 3 && node.HasExited)
            {
                Nodes.Remove(node);   // its free port was taken meanwhile: another one
            }
        }
    }

    /// <summary>SIGKILLs <paramref name="node"/>.</summary>
    public void Kill(ClusterNode node)
    {
        node.Kill();
        Nodes.Remove(node);
    }

    /// <summary>Lets <paramref name="node"/> leave gracefully and waits for its process to end.</summary>
    public async Task LeaveAsync(ClusterNode node)
    {
        Nodes.Remove(node);
        await node.LeaveAsync(Generous);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in all) await node.DisposeAsync();
    }

    private ClusterNode Add(ClusterNode node)
    {
        all.Add(node);
        Nodes.Add(node);
        return node;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
