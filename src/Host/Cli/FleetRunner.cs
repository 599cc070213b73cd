using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Rmote.Cli;

/// <summary>Runs one <see cref="CliAction{T}"/> over the selected hosts and reports it; returns the exit code.</summary>
internal static class FleetRunner
{
    /// <summary>Exit code of a usage error: no hosts, a bad inventory or pattern.</summary>
    public const int UsageError = 1;

    public static async Task<int> RunAsync<T>(CliAction<T> action, CliSettings settings, CancellationToken cancellationToken)
    {
        // Logs (--verbose) never go to stdout: with --json it must hold the document only.
        using var loggerFactory = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(settings.Verbose ? LogLevel.Debug : LogLevel.None));   // failures are in the table already
        ClusterClient? cluster = null;
        RmoteFleet fleet;
        FleetSelection selection;
        try
        {
            if (settings.Cluster is { } seed) cluster = await ClusterClient.JoinAsync(seed, loggerFactory, cancellationToken);
            (fleet, selection) = settings.Open(loggerFactory, cluster);
        }
        catch (Exception e) when (e is InventoryException or ArgumentException or FileNotFoundException or TimeoutException)
        {
            Console.Error.WriteLine($"rmote: {e.Message}");
            if (cluster is not null) await cluster.DisposeAsync();
            return UsageError;
        }
        await using var leave = cluster;   // leaves the cluster after the fleet is disposed

        await using (fleet)
        {
            if (selection.Hosts.Count == 0)
            {
                Console.Error.WriteLine($"rmote: no hosts match '{selection.Pattern}'.");
                return UsageError;
            }
            IFleetOutput output = settings.Json ? new JsonOutput(Console.Out)
                : Console.IsOutputRedirected ? new PlainOutput(Console.Out)
                : new LiveOutput(AnsiConsole.Console, action.Status);
            var rows = selection.Hosts.Select(h => new HostRow(h)).ToList();
            var byName = rows.ToDictionary(r => r.Host.Name);
            fleet.Progress += (_, progress) =>
            {
                var row = byName[progress.Host.Name];
                if (progress.State == HostProgressState.Started) row.Start();
                else if (progress.Result is HostResult<T> result)
                {
                    row.Finish(result, action.Describe);
                    output.HostFinished(row);
                }
            };
            var clock = Stopwatch.StartNew();
            try
            {
                await output.RunAsync(rows, () => action.Run(selection, settings.Timeout ?? Timeout.InfiniteTimeSpan, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the fleet has cancelled the tool on every host still running; the hosts that finished keep their result.
                foreach (var row in rows.Where(r => !r.Done))
                {
                    row.Cancel();
                    output.HostFinished(row);
                }
            }
            var summary = FleetSummary.Of(rows, clock.Elapsed);
            output.Complete(action.Name, rows, summary);
            return summary.ExitCode;
        }
    }
}
