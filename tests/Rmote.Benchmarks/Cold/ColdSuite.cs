using System.Diagnostics;
using Rmote.Benchmarks.Peer;
using Rmote.Bootstrap;

namespace Rmote.Benchmarks.Cold;

/// <summary>
/// Start-up and footprint (issue 13), every figure from fresh processes: the agent's own cold start without the host
/// library (ready line, SYNC reply, first response), the host's <c>StartLocalAsync</c> + first call, the agent's RSS
/// idle and after 10 000 calls, and whole processes (<c>rmote ping local</c>'s equivalent and the demo). When
/// <c>RMOTE_BENCH_BASELINE</c> names another build's output folder (holding <c>Rmote.Host.dll</c> and its
/// <c>agent/</c>), every figure is also taken for it, interleaved run by run, under keys prefixed <c>baseline_</c>;
/// when <see cref="PeerRmote.PathVariable"/> names a Python rmote checkout, rmote's figures join them as <c>peer_</c>.
/// Runtime knobs are compared the same way: <c>RMOTE_BENCH_VARIANTS="pgo:DOTNET_TieredPGO=1;lean:DOTNET_GCgen0size=0x100000,DOTNET_TieredCompilation=0"</c>
/// measures each named set of environment variables (inherited by every process the run starts) under its own prefix.
/// </summary>
public sealed class ColdSuite : IBenchmarkSuite
{
    /// <summary>The environment variable naming the baseline build's output folder.</summary>
    public const string BaselineVariable = "RMOTE_BENCH_BASELINE";

    /// <summary>The environment variable listing named sets of environment variables to compare.</summary>
    public const string VariantsVariable = "RMOTE_BENCH_VARIANTS";

    private const int CallsBeforeMemory = 10_000;

    public string Name => "cold";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var variants = Variants();
        var peer = PeerRmote.TryCreate();
        if (peer is null) log.WriteLine(PeerRmote.Unavailable);

        // The in-process host is warm after its first connection, for every variant alike: pay that once, unrecorded.
        await using (var warm = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken))
            await warm.CallAsync(() => BenchTools.Echo(0), cancellationToken);

        var samples = new Samples(log);
        for (var run = 0; run < runs; run++)
        {
            foreach (var variant in variants)
            {
                foreach (var (name, value) in variant.Environment) Environment.SetEnvironmentVariable(name, value);
                try
                {
                    await MeasureAsync(variant.Prefix, variant.HostDirectory, samples, cancellationToken);
                }
                finally
                {
                    foreach (var name in variant.Environment.Keys) Environment.SetEnvironmentVariable(name, null);
                }
            }
            if (peer is not null) await peer.MeasureAsync(samples, cancellationToken);
        }

        var medians = samples.Medians();
        if (medians.TryGetValue("peer_start_first_call_ms", out var theirs))
            medians["start_first_call_vs_peer"] = medians["start_first_call_ms"] / theirs;
        return medians;
    }

    private static List<(string Prefix, string HostDirectory, Dictionary<string, string> Environment)> Variants()
    {
        List<(string, string, Dictionary<string, string>)> variants = [("", AppContext.BaseDirectory, [])];
        if (Environment.GetEnvironmentVariable(BaselineVariable) is { Length: > 0 } baseline) variants.Add(("baseline_", baseline, []));
        foreach (var spec in (Environment.GetEnvironmentVariable(VariantsVariable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, settings) = (spec[..spec.IndexOf(':')], spec[(spec.IndexOf(':') + 1)..]);
            variants.Add((name + "_", AppContext.BaseDirectory, settings.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1])));
        }
        return variants;
    }

    private static async Task MeasureAsync(string prefix, string hostDirectory, Samples samples, CancellationToken cancellationToken)
    {
        var agentDirectory = Path.Combine(hostDirectory, "agent");
        var raw = await RawAgentStart.MeasureAsync(agentDirectory, cancellationToken);
        samples.Add(prefix + "agent_ready_ms", raw.ReadyMs);
        samples.Add(prefix + "agent_sync_reply_ms", raw.SyncMs);
        samples.Add(prefix + "agent_first_response_ms", raw.FirstResponseMs);
        samples.Add(prefix + "agent_first_response_cpu_ms", raw.FirstResponseCpuMs);

        var options = new RmoteOptions { AgentBundle = AgentBundle.Load(agentDirectory) };
        var clock = Stopwatch.StartNew();
        await using (var connection = await RmoteConnection.StartLocalAsync(options, cancellationToken))
        {
            await connection.CallAsync(() => BenchTools.Echo(1), cancellationToken);
            samples.Add(prefix + "start_first_call_ms", clock.Elapsed.TotalMilliseconds);

            var pid = connection.ProcessId!.Value;
            await Task.Delay(1000, cancellationToken);
            samples.Add(prefix + "agent_idle_rss_mb", ProcessMemory.ResidentMegabytes(pid));
            for (var i = 0; i < CallsBeforeMemory; i++) await connection.CallAsync(() => BenchTools.Echo(i), cancellationToken);
            samples.Add(prefix + "agent_rss_after_10k_calls_mb", ProcessMemory.ResidentMegabytes(pid));
        }

        var dotnet = Transports.DotnetMuxer.Path;
        samples.Add(prefix + "cli_ping_local_ms", (await ProcessClock.RunAsync(dotnet,
            [typeof(ColdSuite).Assembly.Location, ColdFirstCall.Argument, agentDirectory], null, cancellationToken)).Milliseconds);
        samples.Add(prefix + "demo_process_ms", (await ProcessClock.RunAsync(dotnet,
            [Path.Combine(hostDirectory, "Rmote.Host.dll"), "demo"], null, cancellationToken)).Milliseconds);
    }
}
