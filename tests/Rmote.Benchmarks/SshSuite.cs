using System.Diagnostics;
using Rmote.TestKit.Ssh;

namespace Rmote.Benchmarks;

/// <summary>
/// End-to-end figures over SSH (issue 4) against a loopback sshd started for the run, next to the floor measured in the
/// same run: a plain <c>ssh host true</c>.
/// </summary>
public sealed class SshSuite : IBenchmarkSuite
{
    public string Name => "ssh";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        await using var sshd = new LoopbackSshd();
        await sshd.StartAsync();
        var ssh = sshd.Options();
        var warmCache = sshd.NewCacheDirectory();
        RmoteOptions Options(string cache) => new() { AgentCacheDirectory = cache, ConnectTimeout = TimeSpan.FromSeconds(60) };
        Task<RmoteConnection> ConnectAsync(string cache) =>
            RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, Options(cache), cancellationToken);

        var results = new Dictionary<string, double>
        {
            ["ssh_true_ms"] = await Measure.MedianOfAsync("ssh_true_ms", runs, log, () => SshTrueAsync(ssh, cancellationToken)),
            ["ssh_first_upload_ms"] = await Measure.MedianOfAsync("ssh_first_upload_ms", runs, log, async () =>
            {
                var clock = Stopwatch.StartNew();
                await using var connection = await ConnectAsync(sshd.NewCacheDirectory());
                await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            }),
        };
        await (await ConnectAsync(warmCache)).DisposeAsync();   // fill the warm cache
        results["ssh_start_first_call_ms"] = await Measure.MedianOfAsync("ssh_start_first_call_ms", runs, log, async () =>
        {
            var clock = Stopwatch.StartNew();
            await using var connection = await ConnectAsync(warmCache);
            await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
            return clock.Elapsed.TotalMilliseconds;
        });

        await using (var shared = await ConnectAsync(warmCache))
        {
            for (var i = 0; i < 5_000; i++) await shared.CallAsync(() => BenchTools.Echo(i), cancellationToken);
            results["ssh_seq_roundtrip_us"] = await Measure.MedianOfAsync("ssh_seq_roundtrip_us", runs, log, async () =>
            {
                const int calls = 5_000;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++) await shared.CallAsync(() => BenchTools.Echo(i), cancellationToken);
                return clock.Elapsed.TotalMicroseconds / calls;
            });
            results["ssh_bulk_64mib_mib_per_s"] = await Measure.MedianOfAsync("ssh_bulk_64mib_mib_per_s", runs, log,
                () => Measure.Bulk64MibAsync(shared, cancellationToken));
        }

        results["ssh_fanout20_s"] = await Measure.MedianOfAsync("ssh_fanout20_s", runs, log, async () =>
        {
            var clock = Stopwatch.StartNew();
            var connections = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                var connection = await ConnectAsync(warmCache);
                await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
                return connection;
            }));
            var elapsed = clock.Elapsed.TotalSeconds;
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
            return elapsed;
        });
        return results;
    }

    /// <summary>The floor: how long plain <c>ssh host true</c> takes with the same options.</summary>
    private static async Task<double> SshTrueAsync(SshOptions ssh, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var option in ssh.Options.Append("BatchMode=yes")) { start.ArgumentList.Add("-o"); start.ArgumentList.Add(option); }
        foreach (var arg in new[] { "-i", ssh.IdentityFile!, "-p", ssh.Port!.Value.ToString(), "-l", ssh.User!, "--", "127.0.0.1", "true" })
            start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ssh true failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        return clock.Elapsed.TotalMilliseconds;
    }
}
