using System.Diagnostics;
using System.Globalization;
using Rmote.Hosting;
using Rmote.TestKit.Cluster;

namespace Rmote.Benchmarks;

/// <summary>
/// Cluster figures (issue 15), with real controller processes (tests/Rmote.Cluster.Node) on 127.0.0.1: for each node
/// count in <c>RMOTE_BENCH_CLUSTER_NODES</c> (default <c>1,2,3</c>) a cluster of that many members holding hosts plus
/// one proxy-only member that invokes (so every invoke crosses to a node that owns the host): the sequential round
/// trip, 10 000 invokes over 30 hosts at once, the memory a member pays per connection (100 more local hosts), and —
/// from two members up — the failover after a SIGKILL (a fresh cluster each run). Keys carry the node count
/// (<c>cluster_invoke_calls_per_s_3n</c>); the plain keys are the largest count's. <c>invoke_roundtrip_us</c> of a
/// local connection in this process is measured in the same run for comparison.
/// </summary>
public sealed class ClusterSuite : IBenchmarkSuite
{
    private static readonly string[] Hosts = [.. Enumerable.Range(0, 30).Select(i => $"h{i:00}")];
    private static readonly TimeSpan Bound = TestCluster.Generous;

    public string Name => "cluster";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var counts = (Environment.GetEnvironmentVariable("RMOTE_BENCH_CLUSTER_NODES") ?? "1,2,3")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var results = new Dictionary<string, double>();
        await using (var local = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken))
        {
            await InvokeBurst.RoundTripMicrosecondsAsync(local.Actor, 20_000, cancellationToken);   // warm up
            results["invoke_roundtrip_us"] = await Measure.MedianOfAsync("invoke_roundtrip_us", runs, log,
                () => InvokeBurst.RoundTripMicrosecondsAsync(local.Actor, 20_000, cancellationToken));
        }
        foreach (var nodes in counts)
        {
            log.WriteLine($"--- {nodes} node(s) holding hosts, 1 proxy-only member invoking");
            var figures = await RunClusterAsync(nodes, runs, log, cancellationToken);
            foreach (var (key, value) in figures)
            {
                results[$"{key}_{nodes}n"] = value;
                if (nodes == counts.Max()) results[key] = value;
            }
        }
        return results;
    }

    private static async Task<Dictionary<string, double>> RunClusterAsync(int nodes, int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>();
        await using (var cluster = await TestCluster.StartAsync(nodes))
        {
            var client = await cluster.AddNodeAsync(null, "--proxy");
            var all = string.Join(',', Hosts);
            // Places and connects every host, then warms every process's JIT up (tiered compilation is slow to settle
            // on a busy machine: the first bursts run at a fraction of the later ones).
            for (var i = 0; i < 4; i++) Check(await client.CommandAsync($"burst 10000 {all}", Bound));
            await client.CommandAsync($"seq 5000 {Hosts[0]}", Bound);
            figures["cluster_invoke_roundtrip_us"] = await Measure.MedianOfAsync("cluster_invoke_roundtrip_us", runs, log,
                async () => Number(await client.CommandAsync($"seq 5000 {Hosts[0]}", Bound)));
            figures["cluster_invoke_calls_per_s"] = await Measure.MedianOfAsync("cluster_invoke_calls_per_s", runs, log,
                async () => 10_000 / (Check(await client.CommandAsync($"burst 10000 {all}", Bound)) / 1e6));
            figures["cluster_hosts_per_node_rss_mb"] = await PerConnectionMegabytesAsync(cluster, client, log);
        }
        if (nodes >= 2)
            figures["cluster_failover_s"] = await Measure.MedianOfAsync("cluster_failover_s", runs, log, () => FailoverSecondsAsync(nodes, cancellationToken));
        return figures;
    }

    /// <summary>Growth of the members' resident memory (summed) per connection, for 100 more local hosts.</summary>
    private static async Task<double> PerConnectionMegabytesAsync(TestCluster cluster, ClusterNode client, TextWriter log)
    {
        double Resident() => cluster.Nodes.Where(n => n != client).Sum(n => ProcessMemory.ResidentMegabytes(n.ProcessId));
        var before = Resident();
        foreach (var batch in Enumerable.Range(0, 100).Select(i => $"m{i:000}").Chunk(20))
            foreach (var answer in await Task.WhenAll(batch.Select(h => client.CommandAsync($"invoke {h} pid", Bound))))
                Agents.Pid(answer);
        await Task.Delay(2000);
        var perConnection = (Resident() - before) / 100;
        log.WriteLine($"cluster_hosts_per_node_rss_mb = {perConnection:F3} (members {before:F0} MiB → {Resident():F0} MiB)");
        return perConnection;
    }

    /// <summary>
    /// Seconds from SIGKILL of the member owning the most hosts (not the oldest: it would move the coordinator too) to
    /// every one of its hosts answering again, from a survivor.
    /// </summary>
    private static async Task<double> FailoverSecondsAsync(int nodes, CancellationToken cancellationToken)
    {
        await using var cluster = await TestCluster.StartAsync(nodes);
        var client = await cluster.AddNodeAsync(null, "--proxy");
        var owner = new Dictionary<string, int>();
        foreach (var (host, answer) in Hosts.Zip(await Task.WhenAll(Hosts.Select(h => client.CommandAsync($"invoke {h} pid", Bound)))))
            owner[host] = Agents.Pid(answer);
        var victim = cluster.Nodes.Skip(1).Where(n => n != client).MaxBy(n => owner.Values.Count(a => Agents.ParentOf(a) == n.ProcessId))!;
        var lost = owner.Where(o => Agents.ParentOf(o.Value) == victim.ProcessId).ToArray();
        if (lost.Length == 0) throw new InvalidOperationException("the victim holds no host");
        try
        {
            var clock = Stopwatch.StartNew();
            cluster.Kill(victim);
            var survivors = cluster.Nodes.Select(n => n.ProcessId).ToHashSet();
            await Task.WhenAll(lost.Select(o => AnsweringAgainAsync(client, o.Key, survivors, cancellationToken)));
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Agents.Reap(lost.Select(o => o.Value));
        }
    }

    // Invokes until the host answers from an agent under a survivor; each failure (the lost node's invokes fail once it
    // is downed) is retried. Bounded.
    private static async Task AnsweringAgainAsync(ClusterNode client, string host, IReadOnlySet<int> survivors, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            var answer = await client.CommandAsync($"invoke {host} pid", Bound);
            if (answer.StartsWith("ok ", StringComparison.Ordinal) && survivors.Contains(Agents.ParentOf(Agents.Pid(answer)))) return;
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"{host} did not answer from a survivor within {Bound}");
    }

    // "ok <µs> <failures>" of a burst: the µs, when nothing failed.
    private static double Check(string answer)
    {
        var parts = answer.Split(' ');
        if (parts is not ["ok", _, "0"]) throw new InvalidOperationException($"burst failed: {answer}");
        return double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private static double Number(string answer) =>
        double.Parse(answer.StartsWith("ok ", StringComparison.Ordinal) ? answer[3..] : throw new InvalidOperationException($"failed: {answer}"), CultureInfo.InvariantCulture);
}
