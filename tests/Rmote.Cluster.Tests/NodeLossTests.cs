using System.Diagnostics;
using Rmote.Cluster.Tests.Support;
using Rmote.TestKit.Cluster;

namespace Rmote.Cluster.Tests;

/// <summary>Losing a controller: SIGKILL (its in-flight invokes fail typed, its hosts move), graceful leave, rolling restart.</summary>
public sealed class NodeLossTests
{
    private static readonly string[] Hosts = [.. Enumerable.Range(0, 30).Select(i => $"h{i:00}")];

    [Fact]
    public async Task A_SIGKILLed_node_fails_only_its_in_flight_invokes_and_its_hosts_answer_again_from_survivors()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var owner = await OwnersAsync(cluster.Nodes[0]);
        // The victim is whichever node owns the most hosts (where shards land depends on when each node joined); the
        // caller is another one.
        var victim = Busiest(cluster, owner);
        var caller = cluster.Nodes.First(n => n != victim);
        var victims = owner.Where(o => o.Value.Node == victim.ProcessId).Select(o => o.Key).ToArray();
        Assert.NotEmpty(victims);
        try
        {
            // Long calls running on the victim's agents, and calls on the other hosts that must not notice anything.
            var inFlight = victims.Select(h => caller.Begin($"invoke {h} sleep 30000")).ToArray();
            await Task.Delay(1500);
            var clock = Stopwatch.StartNew();
            cluster.Kill(victim);

            var outcomes = await Task.WhenAll(inFlight).WaitAsync(TestCluster.Generous);
            Assert.All(outcomes, o => Assert.StartsWith("err Rmote.ConnectionLostException ", o, StringComparison.Ordinal));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the in-flight invokes failed after {clock.Elapsed} — they waited for the 30 s call instead of the node loss");

            // The next invoke on each of its hosts succeeds, from both survivors, on a new agent under a survivor.
            var survivors = cluster.Nodes.Select(n => n.ProcessId).ToHashSet();
            foreach (var node in cluster.Nodes)
                foreach (var host in victims)
                {
                    var pid = Agents.Pid(await node.CommandAsync($"invoke {host} pid", TestCluster.Generous));
                    Assert.Contains(Agents.ParentOf(pid), survivors);
                }
            Assert.Equal("ok 2", await caller.CommandAsync("members", TestCluster.Generous));
            // Hosts that were not on the lost node kept their agents.
            var kept = owner.Where(o => o.Value.Node != victim.ProcessId).ToArray();
            foreach (var (host, was) in kept)
                Assert.Equal(was.Agent, Agents.Pid(await caller.CommandAsync($"invoke {host} pid", TestCluster.Generous)));
        }
        finally
        {
            Agents.Reap(owner.Where(o => o.Value.Node == victim.ProcessId).Select(o => o.Value.Agent));
        }
    }

    [Fact]
    public async Task A_graceful_leave_hands_its_hosts_off_without_failing_running_or_queued_invokes()
    {
        // One call at a time per host: the second and third invoke on a host wait in its connection's queue.
        await using var cluster = await TestCluster.StartAsync(3, "--in-flight", "1");
        var owner = await OwnersAsync(cluster.Nodes[0]);
        var leaver = Busiest(cluster, owner);
        var caller = cluster.Nodes.First(n => n != leaver);
        var leaving = owner.Where(o => o.Value.Node == leaver.ProcessId).Select(o => o.Key).ToArray();
        Assert.NotEmpty(leaving);

        var calls = leaving.SelectMany(h => new[] { caller.Begin($"invoke {h} sleep 1500"), caller.Begin($"invoke {h} echo 1"), caller.Begin($"invoke {h} echo 2") }).ToArray();
        await Task.Delay(500);
        await cluster.LeaveAsync(leaver);

        var outcomes = await Task.WhenAll(calls).WaitAsync(TestCluster.Generous);
        Assert.All(outcomes, o => Assert.StartsWith("ok Int32:", o, StringComparison.Ordinal));
        var survivors = cluster.Nodes.Select(n => n.ProcessId).ToHashSet();
        foreach (var host in leaving)
            Assert.Contains(Agents.ParentOf(Agents.Pid(await caller.CommandAsync($"invoke {host} pid", TestCluster.Generous))), survivors);
    }

    [Fact]
    public async Task A_rolling_restart_of_every_node_loses_no_acknowledged_result()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var hosts = string.Join(',', Hosts);
        for (var round = 0; round < 3; round++)
        {
            var restarting = cluster.Nodes[0];
            var caller = cluster.Nodes[^1];
            // Load from a node that stays while this one leaves (its shards are handed off while invokes on them are
            // queued, on their way, or buffered); then the same port rejoins as a new incarnation and shards are
            // rebalanced towards it under more load.
            var load = caller.Begin($"burst 3000 {hosts}");
            await Task.Delay(300);
            await cluster.LeaveAsync(restarting);
            var during = caller.Begin($"burst 1000 {hosts}");
            var rejoined = await cluster.AddNodeAsync(restarting.Port);
            var after = rejoined.Begin($"burst 1000 {hosts}");
            // The round's load ends before its caller's own turn to restart.
            var outcomes = await Task.WhenAll(load, during, after).WaitAsync(TimeSpan.FromMinutes(3));
            // "ok <µs> <failures>": every invoke answered, and every answer right.
            Assert.All(outcomes, o => Assert.Matches(@"^ok \d+ 0$", o));
        }
    }

    // The non-seed node owning the most hosts, or the seed when the others own none.
    private static ClusterNode Busiest(TestCluster cluster, IReadOnlyDictionary<string, (int Agent, int Node)> owner)
    {
        int Owned(ClusterNode node) => owner.Count(o => o.Value.Node == node.ProcessId);
        var other = cluster.Nodes.Skip(1).MaxBy(Owned)!;
        return Owned(other) > 0 ? other : cluster.Nodes[0];
    }

    private static async Task<Dictionary<string, (int Agent, int Node)>> OwnersAsync(ClusterNode caller)
    {
        var answers = await Task.WhenAll(Hosts.Select(h => caller.CommandAsync($"invoke {h} pid", TestCluster.Generous)));
        return Hosts.Select((h, i) => (h, Agents.Pid(answers[i]))).ToDictionary(x => x.h, x => (x.Item2, Agents.ParentOf(x.Item2)));
    }
}
