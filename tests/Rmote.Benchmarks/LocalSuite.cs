using System.Diagnostics;

namespace Rmote.Benchmarks;

/// <summary>
/// End-to-end figures against a real local agent (issue 3): start to first call, sequential round trip, concurrent
/// throughput, a 64 MiB result, the agent's idle memory — next to the floor, a plain pipe ping-pong between two
/// processes measured in the same run.
/// </summary>
public sealed class LocalSuite : IBenchmarkSuite
{
    public string Name => "local";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, double>
        {
            ["pipe_pingpong_us"] = await Measure.MedianOfAsync("pipe_pingpong_us", runs, log, () => Task.FromResult(PipePingPongMicroseconds(20_000))),
            ["start_first_call_ms"] = await Measure.MedianOfAsync("start_first_call_ms", runs, log, async () =>
            {
                var clock = Stopwatch.StartNew();
                await using var connection = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken);
                await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            }),
        };

        await using var shared = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken);
        for (var i = 0; i < 20_000; i++) await shared.CallAsync(() => BenchTools.Echo(i), cancellationToken);   // warm up both JITs

        results["seq_roundtrip_us"] = await Measure.MedianOfAsync("seq_roundtrip_us", runs, log,
            () => Measure.SequentialRoundTripMicrosecondsAsync(shared, cancellationToken));
        results["concurrent_calls_per_s"] = await Measure.MedianOfAsync("concurrent_calls_per_s", runs, log,
            () => Measure.ConcurrentCallsPerSecondAsync(shared, cancellationToken));
        results["bulk_64mib_mib_per_s"] = await Measure.MedianOfAsync("bulk_64mib_mib_per_s", runs, log,
            () => Measure.Bulk64MibAsync(shared, cancellationToken));

        await using (var idle = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken))
        {
            await idle.CallAsync(() => BenchTools.Echo(1), cancellationToken);
            await Task.Delay(1000, cancellationToken);
            results["agent_idle_rss_mb"] = ProcessMemory.ResidentMegabytes(idle.ProcessId!.Value);
            log.WriteLine($"agent_idle_rss_mb = {results["agent_idle_rss_mb"]:F1}");
        }
        return results;
    }

    /// <summary>The floor: one byte there and back through `cat`, over the same kind of pipes the agent uses.</summary>
    private static double PipePingPongMicroseconds(int rounds)
    {
        using var cat = Process.Start(new ProcessStartInfo("cat") { RedirectStandardInput = true, RedirectStandardOutput = true })!;
        var input = cat.StandardInput.BaseStream;
        var output = cat.StandardOutput.BaseStream;
        var one = new byte[1];
        for (var i = 0; i < 1000; i++) { input.Write(one); input.Flush(); output.ReadExactly(one); }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) { input.Write(one); input.Flush(); output.ReadExactly(one); }
        var perRound = clock.Elapsed.TotalMicroseconds / rounds;
        cat.StandardInput.Close();
        cat.WaitForExit();
        return perRound;
    }
}
