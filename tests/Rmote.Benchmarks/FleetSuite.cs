using System.Diagnostics;
using Rmote.TestKit.Netns;
using Rmote.TestKit.Ssh;

namespace Rmote.Benchmarks;

/// <summary>
/// Fleet figures (issue 11): fan-out of a connect plus one call to 20 local agents, to 20 connections against one
/// loopback sshd (default MaxStartups), to 8 network-namespaced hosts each with its own sshd; a fleet-wide call over 20
/// kept connections; throughput of 50 fleet-wide calls over 20 local hosts; and a 256 MiB file copied to 4 local hosts
/// (a fleet upload, one read of the file, beside 4 connections' own uploads at once).
/// </summary>
public sealed class FleetSuite : IBenchmarkSuite
{
    public string Name => "fleet";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var locals = Enumerable.Range(0, 20).Select(i => FleetHost.ForLocal($"local-{i}")).ToList();
        var options = new FleetOptions { Connection = new RmoteOptions { ConnectTimeout = TimeSpan.FromSeconds(60) } };
        var results = new Dictionary<string, double>
        {
            ["local_fanout20_s"] = await Measure.MedianOfAsync("local_fanout20_s", runs, log, () => FanOutAsync(locals, options, cancellationToken)),
        };
        // rmote's fan-out (asyncio.gather over 20 local agents) in the same run, when RMOTE_PEER_PYTHONPATH is set.
        if (Peer.PeerRmote.TryCreate() is not { } peer) log.WriteLine(Peer.PeerRmote.Unavailable);
        else
            results["peer_local_fanout20_s"] = await Measure.MedianOfAsync("peer_local_fanout20_s", runs, log,
                async () => (await peer.FanOutLocalAsync(20, cancellationToken))["local_fanout20_s"]);

        await using (var fleet = RmoteFleet.Create(locals, options))
        {
            await Succeed(fleet.CallAsync(() => BenchTools.Echo(0), cancellationToken));
            results["fleet_reuse_call_ms"] = await Measure.MedianOfAsync("fleet_reuse_call_ms", runs, log, async () =>
            {
                const int calls = 20;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++) await Succeed(fleet.CallAsync(() => BenchTools.Echo(i), cancellationToken));
                return clock.Elapsed.TotalMilliseconds / calls;
            });
            results["fleet_1000_local_calls_per_s"] = await Measure.MedianOfAsync("fleet_1000_local_calls_per_s", runs, log, async () =>
            {
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Succeed(fleet.CallAsync(() => BenchTools.Echo(i), cancellationToken))));
                return Measure.PerSecond(20 * 50, clock.Elapsed);
            });
        }

        await MeasureUploadsAsync(results, runs, log, cancellationToken);

        await using (var sshd = new LoopbackSshd())
        {
            await sshd.StartAsync();
            var cache = sshd.NewCacheDirectory();
            var ssh = Enumerable.Range(0, 20).Select(i => FleetHost.ForSsh($"ssh-{i}", "127.0.0.1", sshd.Options()) with { AgentCacheDirectory = cache }).ToList();
            await FanOutAsync(ssh.Take(1).ToList(), options, cancellationToken);   // fill the agent cache
            results["ssh_fanout20_s"] = await Measure.MedianOfAsync("ssh_fanout20_s", runs, log, () => FanOutAsync(ssh, options, cancellationToken));
        }

        await using (var namespaced = await NamespacedHosts.StartAsync(8))
        {
            var cache = namespaced.Hosts[0].Sshd.NewCacheDirectory();
            var hosts = namespaced.Hosts.Select(h => FleetHost.ForSsh(h.Name, h.Address, h.Sshd.Options()) with { AgentCacheDirectory = cache }).ToList();
            await FanOutAsync(hosts.Take(1).ToList(), options, cancellationToken);
            results["netns_fanout8_s"] = await Measure.MedianOfAsync("netns_fanout8_s", runs, log, () => FanOutAsync(hosts, options, cancellationToken));
        }
        return results;
    }

    /// <summary>
    /// One 256 MiB file (random bytes) copied to 4 local hosts, each in its own directory, forced: as a fleet upload (one
    /// read of the file shared by the 4 hosts) and, for comparison, as 4 connections' own uploads at once (4 reads).
    /// </summary>
    private static async Task MeasureUploadsAsync(Dictionary<string, double> results, int runs, TextWriter log, CancellationToken cancellationToken)
    {
        const int hosts = 4;
        var root = Directory.CreateTempSubdirectory("rmote-bench-fleet-upload-").FullName;
        try
        {
            var source = Path.Combine(root, "source.bin");
            await using (var file = File.Create(source))
            {
                var block = System.Security.Cryptography.RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
                for (var i = 0; i < 64; i++) await file.WriteAsync(block, cancellationToken);
            }
            var homes = Enumerable.Range(0, hosts).Select(i => Directory.CreateDirectory(Path.Combine(root, $"h{i}")).FullName).ToList();
            var force = new TransferOptions { Force = true };
            await using (var fleet = RmoteFleet.Create(homes.Select((home, i) => FleetHost.ForCommand($"h{i}", ["sh", "-c", $"cd '{home}' && exec sh"]))))
            {
                await Succeed(fleet.CallAsync(() => BenchTools.Echo(0), cancellationToken));
                results["fleet_upload_4x256mib_s"] = await Measure.MedianOfAsync("fleet_upload_4x256mib_s", runs, log, async () =>
                {
                    var clock = Stopwatch.StartNew();
                    await Succeed(fleet.UploadAsync(source, "copy.bin", force, cancellationToken));
                    return clock.Elapsed.TotalSeconds;
                });
            }
            var connections = await Task.WhenAll(homes.Select(_ => RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken)));
            try
            {
                results["connections_upload_4x256mib_s"] = await Measure.MedianOfAsync("connections_upload_4x256mib_s", runs, log, async () =>
                {
                    var clock = Stopwatch.StartNew();
                    await Task.WhenAll(connections.Select((c, i) => c.UploadAsync(source, Path.Combine(homes[i], "copy.bin"), force, cancellationToken)));
                    return clock.Elapsed.TotalSeconds;
                });
            }
            finally
            {
                foreach (var connection in connections) await connection.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Seconds from a new fleet to one call answered on every host (connects included; dispose excluded).</summary>
    private static async Task<double> FanOutAsync(IReadOnlyList<FleetHost> hosts, FleetOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var fleet = RmoteFleet.Create(hosts, options);
        await Succeed(fleet.CallAsync(() => BenchTools.Echo(1), cancellationToken));
        var elapsed = clock.Elapsed.TotalSeconds;
        await fleet.DisposeAsync();
        return elapsed;
    }

    /// <summary>A figure only counts when every host succeeded.</summary>
    private static async Task Succeed<T>(Task<FleetResult<HostResult<T>>> call)
    {
        var results = await call;
        if (!results.AllSucceeded) throw new InvalidOperationException("fleet call failed: " + string.Join("; ", results.Failed));
    }
}
