using System.Diagnostics;
using System.Globalization;

namespace Rmote.Benchmarks;

/// <summary>
/// A fresh process's first answer: this program started again with <see cref="Argument"/> creates the shared actor
/// system, starts a local agent and makes one call, and prints the milliseconds from its Main to the answer.
/// </summary>
internal static class ColdFirstCall
{
    public const string Argument = "--cold-first-call";

    /// <summary>Runs in the child: measure and print.</summary>
    public static async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await RmoteConnection.StartLocalAsync();
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
