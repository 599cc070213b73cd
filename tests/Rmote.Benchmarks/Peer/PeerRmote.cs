using System.Text.Json;
using Rmote.Benchmarks.Cold;

namespace Rmote.Benchmarks.Peer;

/// <summary>
/// The Python rmote, measured on this machine in the same run as we are: <c>peer_bench.py</c> (ours, copied next to
/// this program) imports rmote from the checkout named by <c>RMOTE_PEER_PYTHONPATH</c> and reports the same figures
/// the cold suite takes on our side. Without that variable (or without python3) the peer is skipped, and
/// <see cref="Unavailable"/> says why.
/// </summary>
public sealed class PeerRmote
{
    /// <summary>The environment variable naming the rmote checkout (the folder that holds <c>rmote/protocol.py</c>).</summary>
    public const string PathVariable = "RMOTE_PEER_PYTHONPATH";

    private readonly string checkout;
    private readonly string scripts = Path.Combine(AppContext.BaseDirectory, "Peer");

    private PeerRmote(string checkout) => this.checkout = checkout;

    /// <summary>Why the peer cannot run here (null when it can).</summary>
    public static string? Unavailable
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(PathVariable);
            if (string.IsNullOrEmpty(path))
                return $"peer skipped: set {PathVariable} to a checkout of the Python rmote (the folder holding rmote/protocol.py) to measure it side by side.";
            if (!File.Exists(Path.Combine(path, "rmote", "protocol.py")))
                return $"peer skipped: {PathVariable}='{path}' holds no rmote/protocol.py.";
            return null;
        }
    }

    /// <summary>The peer, or null (with <see cref="Unavailable"/> saying why).</summary>
    public static PeerRmote? TryCreate() =>
        Unavailable is null ? new PeerRmote(Environment.GetEnvironmentVariable(PathVariable)!) : null;

    private Dictionary<string, string> PythonEnvironment => new() { ["PYTHONPATH"] = checkout + Path.PathSeparator + scripts };

    /// <summary>One run of every peer figure, under keys prefixed <c>peer_</c>.</summary>
    public async Task MeasureAsync(Samples samples, CancellationToken cancellationToken)
    {
        samples.AddAll("peer_", await FirstCallAsync(cancellationToken));
        samples.Add("peer_cli_ping_local_ms", await PingProcessMillisecondsAsync(cancellationToken));
        samples.Add("peer_python_pass_ms", await PythonPassMillisecondsAsync(cancellationToken));
    }

    /// <summary>
    /// One fresh local rmote agent: its start-to-first-answer time (measured inside the Python host), its RSS idle
    /// and after 10 000 calls.
    /// </summary>
    public Task<IReadOnlyDictionary<string, double>> FirstCallAsync(CancellationToken cancellationToken) =>
        FiguresAsync(["first-call"], cancellationToken);

    /// <summary>rmote's fan-out: <paramref name="count"/> local agents at once with <c>asyncio.gather</c>, one call each.</summary>
    public Task<IReadOnlyDictionary<string, double>> FanOutLocalAsync(int count, CancellationToken cancellationToken) =>
        FiguresAsync(["fanout-local", count.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);

    /// <summary>
    /// rmote over ssh (<c>Protocol.from_ssh</c>, one ssh process per connection): first call, sequential round trip, and
    /// 20 connections at once with how many of them failed.
    /// </summary>
    public Task<IReadOnlyDictionary<string, double>> OverSshAsync(string host, int port, string user, string key, string knownHosts,
        CancellationToken cancellationToken) =>
        FiguresAsync(["ssh", host, port.ToString(System.Globalization.CultureInfo.InvariantCulture), user, key, knownHosts], cancellationToken);

    private async Task<IReadOnlyDictionary<string, double>> FiguresAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (_, output) = await ProcessClock.RunAsync("python3", [Path.Combine(scripts, "peer_bench.py"), .. arguments], PythonEnvironment, cancellationToken);
        return JsonSerializer.Deserialize<Dictionary<string, double>>(output)
               ?? throw new InvalidOperationException("peer_bench.py printed no figures.");
    }

    /// <summary>The whole process: python3 starts, starts its agent, calls once and exits (rmote's `ping local`).</summary>
    public async Task<double> PingProcessMillisecondsAsync(CancellationToken cancellationToken) =>
        (await ProcessClock.RunAsync("python3", [Path.Combine(scripts, "peer_bench.py"), "ping"], PythonEnvironment, cancellationToken)).Milliseconds;

    /// <summary>The floor of a Python process: <c>python3 -c pass</c>.</summary>
    public static async Task<double> PythonPassMillisecondsAsync(CancellationToken cancellationToken) =>
        (await ProcessClock.RunAsync("python3", ["-c", "pass"], null, cancellationToken)).Milliseconds;
}
