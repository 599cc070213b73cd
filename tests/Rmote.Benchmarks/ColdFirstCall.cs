using System.Diagnostics;
using System.Globalization;

namespace Rmote.Benchmarks;

/// <summary>
/// A fresh process's first answer: this program started again with <see cref="Argument"/> [AGENT-DIR] creates the
/// shared actor system, starts a local agent (the one in AGENT-DIR, by default the bundled one) and makes one call,
/// and prints the milliseconds from its Main to the answer. The cold suite times the same child as a whole process
/// (<c>cli_ping_local_ms</c>: runtime start and exit included).
/// </summary>
internal static class ColdFirstCall
{
    public const string Argument = "--cold-first-call";

    /// <summary>Runs in the child: measure and print.</summary>
    public static async Task<int> RunAsync(string? agentDirectory = null)
    {
        var clock = Stopwatch.StartNew();
        var options = agentDirectory is null ? null : new RmoteOptions { AgentBundle = Bootstrap.AgentBundle.Load(agentDirectory) };
        await using var connection = await RmoteConnection.StartLocalAsync(options);
        await connection.CallAsync(() => BenchTools.Echo(1));
        Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Starts the child and reads its figure.</summary>
    public static async Task<double> MeasureInFreshProcessAsync(CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ColdFirstCall).Assembly.Location);
        start.ArgumentList.Add(Argument);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        return child.ExitCode == 0 ? double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"the cold first call failed (exit code {child.ExitCode}): {output}");
    }
}
