using Rmote.Cluster.Tests.Support;
using Rmote.TestKit.Cluster;

namespace Rmote.Cluster.Tests;

/// <summary>Three controller processes sharing 30 hosts: any node invokes on any host; each host has one connection.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ShardedHostsTests(ClusterFixture fixture)
{
    private static readonly string[] Hosts = [.. Enumerable.Range(0, 30).Select(i => $"h{i:00}")];
    private readonly TestCluster cluster = fixture.Cluster;

    [Fact]
    public async Task Every_node_invokes_on_every_host_and_each_host_has_one_connection_in_the_cluster()
    {
        // A first round places every host; the coordinator may then rebalance a shard once towards a node that joined
        // late (the agent of a moved host changes — by design). The asserted round comes after that has settled.
        foreach (var node in cluster.Nodes) await Task.WhenAll(Hosts.Select(h => node.CommandAsync($"invoke {h} pid", TestCluster.Generous)));
        await Task.Delay(TimeSpan.FromSeconds(12));   // past sharding's rebalance interval (10 s)
        var agentOf = new Dictionary<string, int>();
        foreach (var node in cluster.Nodes)
        {
            var answers = await Task.WhenAll(Hosts.Select(h => node.CommandAsync($"invoke {h} pid", TestCluster.Generous)));
            for (var i = 0; i < Hosts.Length; i++)
            {
                var pid = Agents.Pid(answers[i]);
                // The same agent whichever node asks: one live connection per host in the whole cluster.
                if (agentOf.TryGetValue(Hosts[i], out var seen)) Assert.Equal(seen, pid);
                else agentOf[Hosts[i]] = pid;
            }
        }
        var nodePids = cluster.Nodes.Select(n => n.ProcessId).ToHashSet();
        var owners = agentOf.Values.Select(Agents.ParentOf).ToList();
        Assert.All(owners, owner => Assert.Contains(owner, nodePids));
        Assert.Equal(30, agentOf.Values.Distinct().Count());
        Assert.True(owners.Distinct().Count() == 3, $"30 hosts should spread over all 3 nodes: {string.Join(",", owners.GroupBy(o => o).Select(g => g.Count()))}");
    }

    [Fact]
    public async Task A_fleet_wide_invoke_in_cluster_mode_gives_one_outcome_per_host_from_the_hosts_one_connection_wherever_it_is()
    {
        var caller = cluster.Nodes[1];
        var agentOf = new Dictionary<string, int>();
        foreach (var (host, answer) in Hosts.Zip(await Task.WhenAll(Hosts.Select(h => cluster.Nodes[0].CommandAsync($"invoke {h} pid", TestCluster.Generous)))))
            agentOf[host] = Agents.Pid(answer);

        var all = await caller.CommandAsync("fleet all pid", TestCluster.Generous);
        Assert.StartsWith("ok started=30 streamed=30 ", all, StringComparison.Ordinal);
        var outcomes = all.Split(' ').Skip(3).Select(o => o.Split('=')).ToDictionary(o => o[0], o => int.Parse(o[1]));
        // One outcome per host, each from that host's one connection in the cluster — held by all three nodes, not by
        // connections of the invoking node's fleet.
        Assert.Equal(Hosts, outcomes.Keys);
        Assert.All(Hosts, h => Assert.Equal(agentOf[h], outcomes[h]));
        Assert.Equal(3, outcomes.Values.Select(Agents.ParentOf).Distinct().Count());

        // A selection picks the hosts; a failing tool fails each host alone, with the tool's own exception type.
        var missing = Path.Combine(Path.GetTempPath(), $"rmote-cluster-missing-{Guid.NewGuid():N}");
        var failed = await caller.CommandAsync($"fleet even missing {missing}", TestCluster.Generous);
        Assert.StartsWith("ok started=15 streamed=15 ", failed, StringComparison.Ordinal);
        Assert.Equal(Hosts.Where((_, i) => i % 2 == 0).Select(h => $"{h}=!System.IO.FileNotFoundException"), failed.Split(' ').Skip(3));
    }

    [Fact]
    public async Task Results_arrive_as_their_declared_type_and_remote_exceptions_keep_theirs_on_a_node_that_does_not_hold_the_host()
    {
        var (host, other) = await HostHeldElsewhereAsync();
        Assert.Equal("ok Int32:41", await other.CommandAsync($"invoke {host} echo 41", TestCluster.Generous));
        var missing = Path.Combine(Path.GetTempPath(), $"rmote-cluster-missing-{Guid.NewGuid():N}");
        var failure = await other.CommandAsync($"invoke {host} missing {missing}", TestCluster.Generous);
        Assert.StartsWith("err System.IO.FileNotFoundException ", failure, StringComparison.Ordinal);
        Assert.Contains(missing, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_of_a_type_outside_the_filter_sent_by_another_member_is_refused()
    {
        var receiver = cluster.Nodes[0];
        // A proxy-only member (it holds no host, so nothing moves when it comes and goes).
        var smuggler = await cluster.AddNodeAsync(null, "--smuggle", "--proxy");
        Assert.Equal("ok sent", await smuggler.CommandAsync($"send {receiver.Port} smuggled", TestCluster.Generous));
        Assert.Equal("ok sent", await smuggler.CommandAsync($"send {receiver.Port} after-smuggled", TestCluster.Generous));
        // Same association, in order: once the marker is through, the smuggled message was handled before it.
        await WaitForLineAsync(receiver, "echo String marker-after-smuggled");
        Assert.DoesNotContain(receiver.Lines, l => l.StartsWith("echo Smuggled", StringComparison.Ordinal));
        // Akka logs asynchronously (its logger actor): the refusal's log line may follow the marker by a moment.
        const string refused = "Unsafe Type Deserialization Detected! [type: Rmote.Cluster.Node.Smuggled";
        for (var waited = 0; waited < 200 && !receiver.Log.Contains(refused, StringComparison.Ordinal); waited++) await Task.Delay(100);
        Assert.Contains(refused, receiver.Log, StringComparison.Ordinal);
        // The association survived the refusal, and the proxy's own Rmote traffic still works.
        Assert.Equal("ok Int32:5", await smuggler.CommandAsync($"invoke h00 echo 5", TestCluster.Generous));
        Assert.Equal(0, Agents.ChildAgents(smuggler.ProcessId));
        await cluster.LeaveAsync(smuggler);
    }

    [Fact]
    public async Task A_message_of_a_type_without_a_binding_is_never_sent_as_json()
    {
        var (sender, receiver) = (cluster.Nodes[1], cluster.Nodes[0]);
        Assert.Equal("ok sent", await sender.CommandAsync($"send {receiver.Port} unbound", TestCluster.Generous));
        Assert.Equal("ok sent", await sender.CommandAsync($"send {receiver.Port} after-unbound", TestCluster.Generous));
        await WaitForLineAsync(receiver, "echo String marker-after-unbound");
        Assert.DoesNotContain(receiver.Lines, l => l.StartsWith("echo Unbound", StringComparison.Ordinal));
        Assert.Contains("Rmote.Cluster.Node.Unbound", sender.Log, StringComparison.Ordinal);
    }

    private async Task<(string Host, ClusterNode Other)> HostHeldElsewhereAsync()
    {
        var other = cluster.Nodes[2];
        foreach (var host in Hosts)
            if (Agents.ParentOf(Agents.Pid(await other.CommandAsync($"invoke {host} pid", TestCluster.Generous))) != other.ProcessId)
                return (host, other);
        throw new Xunit.Sdk.XunitException("node 3 holds every host");
    }

    private static async Task WaitForLineAsync(ClusterNode node, string line)
    {
        var deadline = DateTime.UtcNow + TestCluster.Generous;
        while (!node.Lines.Contains(line))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"node {node.Port} never printed '{line}'. Log:{Environment.NewLine}{node.Log[^Math.Min(4000, node.Log.Length)..]}");
            await Task.Delay(100);
        }
    }
}
