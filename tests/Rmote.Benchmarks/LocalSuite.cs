using System.Diagnostics;
using Akka.Actor;
using Rmote.Hosting;

namespace Rmote.Benchmarks;

/// <summary>
/// End-to-end figures against a real local agent (issue 3): start to first call, sequential round trip, concurrent
/// throughput, a 64 MiB result, the agent's idle memory — next to the floor, a plain pipe ping-pong between two
/// processes measured in the same run — and the message API (issue 10): invokes asked one by one and told by one
/// actor, ten connections started at once, and a fresh process's first call including the actor system's start —
/// then every key of the <see cref="StreamSuite"/> (streams and 1 GiB transfers, issue 14), which also runs alone.
/// </summary>
public sealed class LocalSuite : IBenchmarkSuite
{
    public string Name => "local";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        SharedActorSystem.Get(null);   // running already, as in an application: start_first_call_ms is the connection's
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
        results["invoke_roundtrip_us"] = await Measure.MedianOfAsync("invoke_roundtrip_us", runs, log,
            () => InvokeBurst.RoundTripMicrosecondsAsync(shared.Actor, 20_000, cancellationToken));
        results["invoke_calls_per_s"] = await Measure.MedianOfAsync("invoke_calls_per_s", runs, log,
            () => InvokeBurst.CallsPerSecondAsync(shared.Actor, 10_000, cancellationToken));
        results["bulk_64mib_mib_per_s"] = await Measure.MedianOfAsync("bulk_64mib_mib_per_s", runs, log,
            () => Measure.Bulk64MibAsync(shared, cancellationToken));

        results["connect_10_parallel_ms"] = await Measure.MedianOfAsync("connect_10_parallel_ms", runs, log, async () =>
        {
            var clock = Stopwatch.StartNew();
            var connections = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            {
                var connection = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken);
                await connection.CallAsync(() => BenchTools.Echo(i), cancellationToken);
                return connection;
            }));
            var elapsed = clock.Elapsed.TotalMilliseconds;
            foreach (var connection in connections) await connection.DisposeAsync();
            return elapsed;
        });
        results["first_system_cold_ms"] = await Measure.MedianOfAsync("first_system_cold_ms", runs, log,
            () => ColdFirstCall.MeasureInFreshProcessAsync(cancellationToken));

        await using (var idle = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken))
        {
            await idle.CallAsync(() => BenchTools.Echo(1), cancellationToken);
            await Task.Delay(1000, cancellationToken);
            results["agent_idle_rss_mb"] = ProcessMemory.ResidentMegabytes(idle.ProcessId!.Value);
            log.WriteLine($"agent_idle_rss_mb = {results["agent_idle_rss_mb"]:F1}");
        }

        // Issue 14's keys are checked in this suite too: the stream suite's measurements, run here as they run alone.
        foreach (var (key, median) in await new StreamSuite().RunAsync(runs, log, cancellationToken)) results.Add(key, median);
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
