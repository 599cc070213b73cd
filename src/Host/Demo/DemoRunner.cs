using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Rmote.Demo;

/// <summary>The README's first command: starts an agent and shows what a connection does, step by step.</summary>
internal static class DemoRunner
{
    public static async Task<int> RunAsync(string? sshDestination, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var options = new RmoteOptions { LoggerFactory = loggerFactory, ConnectTimeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        await using var connection = sshDestination is null
            ? await RmoteConnection.StartLocalAsync(options, cancellationToken)
            : await RmoteConnection.ConnectSshAsync(sshDestination, options: options, cancellationToken: cancellationToken);
        var started = clock.Elapsed;

        var table = new Table().Border(TableBorder.Rounded).AddColumn("step").AddColumn("result");
        void Row(string step, string result) => table.AddRow(Markup.Escape(step), Markup.Escape(result));

        Row("connect", $"{connection.Target} in {started.TotalMilliseconds:0} ms (host pid {Environment.ProcessId})");
        var facts = await connection.CallAsync(() => SystemInfo.Facts(), cancellationToken);
        Row("agent", $"pid {facts.ProcessId}, .NET {facts.Runtime}, {facts.OperatingSystem}");
        Row("hostname", await connection.CallAsync(() => SystemInfo.Hostname(), cancellationToken));

        var disk = await connection.CallAsync(() => SystemInfo.Disk("/"), cancellationToken);
        Row("disk /", $"{disk} → {Gib(disk.Free)} free of {Gib(disk.Total)}");

        clock.Restart();
        var squares = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => connection.CallAsync(() => SystemInfo.SlowSquareAsync(i, cancellationToken), cancellationToken)));
        Row("20 concurrent 100 ms calls", $"[{string.Join(", ", squares)}] in {clock.ElapsedMilliseconds} ms");

        try
        {
            await connection.CallAsync(() => SystemInfo.ReadAsync("/tmp/rmote-demo-no-such-file.txt", cancellationToken), cancellationToken);
            Row("remote exception", "unexpectedly, no exception");
        }
        catch (FileNotFoundException e)
        {
            Row("remote exception", $"caught {e.GetType().Name}: {e.Message}");
        }

        // The same connection is an actor: an Akka application sends it Invoke messages.
        var reply = await connection.Actor.Ask<InvokeResult>(new Invoke(ToolCall.Create(() => SystemInfo.Disk("/")), CorrelationId: 42), cancellationToken);
        Row("invoke by message", $"InvokeResult #{reply.CorrelationId} from actor {connection.Actor.Path}: {Gib(((DiskUsage)reply.Value!).Free)} free");

        await connection.CallAsync(() => SystemInfo.Greet("forwarded log line"), cancellationToken);
        Row("forwarded log", "see the 'Rmote.Remote.Demo' line above");

        clock.Restart();
        const int sequential = 2000;
        for (var i = 0; i < sequential; i++) await connection.CallAsync(() => SystemInfo.Hostname(), cancellationToken);
        Row($"{sequential} sequential calls", $"{clock.Elapsed.TotalMicroseconds / sequential:0} µs per round trip");

        AnsiConsole.Write(table);
        return 0;
    }

    private static string Gib(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB";
}
