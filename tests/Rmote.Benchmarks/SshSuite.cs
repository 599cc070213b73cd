using System.Diagnostics;
using Rmote.TestKit.Ssh;
using Rmote.Transports.OpenSsh;

namespace Rmote.Benchmarks;

/// <summary>
/// End-to-end figures over SSH against a loopback sshd started for the run (default <c>MaxStartups</c> and
/// <c>MaxSessions</c>), for both clients side by side — <c>ssh_*</c> (OpenSSH) and <c>sshnet_*</c> (SSH.NET) — next to
/// the floors measured in the same run: plain <c>ssh host true</c> and 64 MiB read through <c>ssh host head -c</c>; and
/// the Python rmote over the same sshd (<c>peer_ssh_*</c>) when <see cref="Peer.PeerRmote.PathVariable"/> is set.
/// </summary>
public sealed class SshSuite : IBenchmarkSuite
{
    private const int Mib64 = 64 * 1024 * 1024;

    public string Name => "ssh";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        await using var sshd = new LoopbackSshd();
        await sshd.StartAsync();
        var results = new Dictionary<string, double>
        {
            ["ssh_true_ms"] = await Measure.MedianOfAsync("ssh_true_ms", runs, log, () => SshFloorAsync(sshd.Options(), ["true"], cancellationToken)),
            ["ssh_dd_64mib_mib_per_s"] = await Measure.MedianOfAsync("ssh_dd_64mib_mib_per_s", runs, log, async () =>
                64 / (await SshFloorAsync(sshd.Options(), ["head", "-c", Mib64.ToString(), "/dev/zero"], cancellationToken) / 1000)),
        };
        // ssh_direct_*: OpenSSH without connection sharing (how every connection ran before), for A/B in the same run.
        foreach (var (prefix, implementation, sharing) in new[]
                 {
                     ("ssh", SshImplementation.OpenSsh, true), ("ssh_direct", SshImplementation.OpenSsh, false),
                     ("sshnet", SshImplementation.SshNet, true),
                 })
            foreach (var (key, value) in await RunClientAsync(sshd, prefix, implementation, sharing, runs, log, cancellationToken))
                results[key] = value;
        // The Python rmote against the same sshd (peer_ssh_*), when RMOTE_PEER_PYTHONPATH names a checkout.
        if (Peer.PeerRmote.TryCreate() is not { } peer) log.WriteLine(Peer.PeerRmote.Unavailable);
        else
        {
            var samples = new Samples(log);
            for (var run = 0; run < runs; run++)
                samples.AddAll("peer_", await peer.OverSshAsync("127.0.0.1", sshd.Port, "root", sshd.UserKey, sshd.KnownHostsFile, cancellationToken));
            foreach (var (key, value) in samples.Medians()) results[key] = value;
        }
        return results;
    }

    private static async Task<Dictionary<string, double>> RunClientAsync(LoopbackSshd sshd, string prefix,
        SshImplementation implementation, bool sharing, int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var warmCache = sshd.NewCacheDirectory();
        RmoteOptions Options(string cache) => new() { AgentCacheDirectory = cache, ConnectTimeout = TimeSpan.FromSeconds(60) };
        // A fresh harmless option per cold run: its own control socket / session, so nothing is shared with earlier runs.
        SshOptions Cold() => sshd.Options() with
        {
            Implementation = implementation,
            ConnectionSharing = sharing,
            Options = [.. sshd.Options().Options, "ServerAliveCountMax=" + Random.Shared.Next(100, 1_000_000)],
        };
        var shared = Cold();
        Task<RmoteConnection> ConnectAsync(SshOptions ssh, string cache) =>
            RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, Options(cache), cancellationToken);
        async Task<double> FirstCallAsync(SshOptions ssh, string cache)
        {
            var clock = Stopwatch.StartNew();
            await using var connection = await ConnectAsync(ssh, cache);
            await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
            return clock.Elapsed.TotalMilliseconds;
        }

        var results = new Dictionary<string, double>();
        if (sharing)
            results[prefix + "_first_upload_ms"] = await Measure.MedianOfAsync(prefix + "_first_upload_ms", runs, log,
                () => FirstCallAsync(Cold(), sshd.NewCacheDirectory()));
        await (await ConnectAsync(Cold(), warmCache)).DisposeAsync(); // fill the warm cache
        results[prefix + "_start_first_call_ms"] = await Measure.MedianOfAsync(prefix + "_start_first_call_ms", runs, log,
            () => FirstCallAsync(Cold(), warmCache));

        await using (var holder = await ConnectAsync(shared, warmCache)) // keeps the shared connection up
        {
            if (sharing)
                results[prefix + "_start_shared_first_call_ms"] = await Measure.MedianOfAsync(prefix + "_start_shared_first_call_ms",
                    runs, log, () => FirstCallAsync(shared, warmCache));
            for (var i = 0; i < 5_000; i++) await holder.CallAsync(() => BenchTools.Echo(i), cancellationToken);
            results[prefix + "_seq_roundtrip_us"] = await Measure.MedianOfAsync(prefix + "_seq_roundtrip_us", runs, log, async () =>
            {
                const int calls = 5_000;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++) await holder.CallAsync(() => BenchTools.Echo(i), cancellationToken);
                return clock.Elapsed.TotalMicroseconds / calls;
            });
            results[prefix + "_bulk_64mib_mib_per_s"] = await Measure.MedianOfAsync(prefix + "_bulk_64mib_mib_per_s", runs, log,
                () => Measure.Bulk64MibAsync(holder, cancellationToken));
        }

        var failures = 0;
        results[prefix + "_fanout20_s"] = await Measure.MedianOfAsync(prefix + "_fanout20_s", runs, log, async () =>
        {
            var ssh = Cold(); // cold: 20 connections to a host with no shared connection yet
            var clock = Stopwatch.StartNew();
            var connections = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                try
                {
                    var connection = await ConnectAsync(ssh, warmCache);
                    await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
                    return connection;
                }
                catch (RmoteConnectException e)
                {
                    Interlocked.Increment(ref failures);
                    log.WriteLine($"  {prefix}_fanout20 failure: {e.Message}");
                    return null;
                }
            }));
            var elapsed = clock.Elapsed.TotalSeconds;
            await Task.WhenAll(connections.OfType<RmoteConnection>().Select(c => c.DisposeAsync().AsTask()));
            return elapsed;
        });
        results[prefix + "_fanout20_failures"] = failures;
        return results;
    }

    /// <summary>A floor: how long plain <c>ssh host COMMAND</c> takes (ms, stdout read to the end) with the same options and ciphers.</summary>
    private static async Task<double> SshFloorAsync(SshOptions ssh, string[] command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var option in ssh.Options.Append("BatchMode=yes").Append("Ciphers=" + SshCommandLine.FastCiphers))
        {
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(option);
        }
        foreach (var arg in new[] { "-i", ssh.IdentityFile!, "-p", ssh.Port!.Value.ToString(), "-l", ssh.User!, "--", "127.0.0.1" }.Concat(command))
            start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer, cancellationToken)) > 0) total += read;
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"ssh {string.Join(' ', command)} failed: {await stderr}");
        return elapsed;
    }
}
