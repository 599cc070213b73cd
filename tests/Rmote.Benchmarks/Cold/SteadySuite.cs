using Rmote.Bootstrap;

namespace Rmote.Benchmarks.Cold;

/// <summary>
/// The <c>local</c> suite's steady-state figures (sequential round trip, concurrent calls, a 64 MiB result) for this
/// build's agent and, when <see cref="ColdSuite.BaselineVariable"/> names another build's output folder, for that
/// build's agent too — interleaved run by run on two warm connections, so that a start-up or footprint change can show
/// it costs the hot path nothing (baseline keys prefixed <c>baseline_</c>).
/// </summary>
public sealed class SteadySuite : IBenchmarkSuite
{
    public string Name => "steady";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var variants = new List<(string Prefix, RmoteConnection Connection)>();
        try
        {
            variants.Add(("", await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken)));
            if (Environment.GetEnvironmentVariable(ColdSuite.BaselineVariable) is { Length: > 0 } baseline)
            {
                var options = new RmoteOptions { AgentBundle = AgentBundle.Load(Path.Combine(baseline, "agent")) };
                variants.Add(("baseline_", await RmoteConnection.StartLocalAsync(options, cancellationToken)));
            }

            foreach (var (_, connection) in variants)
                for (var i = 0; i < 20_000; i++) await connection.CallAsync(() => BenchTools.Echo(i), cancellationToken);   // warm up both JITs

            var samples = new Samples(log);
            for (var run = 0; run < runs; run++)
            {
                foreach (var (prefix, connection) in variants)
                {
                    samples.Add(prefix + "seq_roundtrip_us", await Measure.SequentialRoundTripMicrosecondsAsync(connection, cancellationToken));
                    samples.Add(prefix + "concurrent_calls_per_s", await Measure.ConcurrentCallsPerSecondAsync(connection, cancellationToken));
                    samples.Add(prefix + "bulk_64mib_mib_per_s", await Measure.Bulk64MibAsync(connection, cancellationToken));
                }
            }
            return samples.Medians();
        }
        finally
        {
            foreach (var (_, connection) in variants) await connection.DisposeAsync();
        }
    }
}
