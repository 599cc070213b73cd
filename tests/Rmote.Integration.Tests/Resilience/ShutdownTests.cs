using System.Diagnostics;
using Rmote.Bootstrap;
using Rmote.Integration.Tests.Ssh;
using Rmote.TestTools;
using Rmote.Transports;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// Disposing ends everything in bounded time: pending calls fail at once, the agent is told to exit (SHUTDOWN) and
/// reaped, and no agent process outlives its connection.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class ShutdownTests(ITestOutputHelper output) : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("rmote-shutdown-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task A_process_a_running_tool_started_does_not_outlive_the_agent()
    {
        // The agent cancels its running calls when the host goes away and waits (bounded) for them: a tool's child
        // process is killed rather than left behind without its agent (an ssh host cannot kill the tree for us).
        var seconds = Random.Shared.Next(3_000, 9_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        var running = connection.CallAsync(() => Rmote.Tools.Exec.Command(new[] { "sleep", seconds }, true, null, null, null, true));
        var clock = Stopwatch.StartNew();
        while (AgentProcesses.Running("sleep", seconds).Count == 0 && clock.Elapsed < Bounds.Generous) await Task.Delay(50);
        var sleeper = Assert.Single(AgentProcesses.Running("sleep", seconds));

        await connection.DisposeAsync().AsTask().Within(Bounds.Generous, "DisposeAsync");

        await Assert.ThrowsAnyAsync<Exception>(() => running);
        clock.Restart();
        while (!AgentProcesses.IsGone(sleeper) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.True(AgentProcesses.IsGone(sleeper), $"sleep {seconds} (pid {sleeper}) outlived its agent");
    }

    [Fact]
    public async Task Disposing_during_heavy_traffic_is_bounded_and_leaves_no_agent_behind()
    {
        var pids = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            var agent = await ResilientConnection.StartAsync();
            pids.Add(agent.Pid);
            var load = await PendingLoad.StartAsync(agent.Connection, blocked: 20, quick: 0);
            using var stop = new CancellationTokenSource();
            var echoes = Enumerable.Range(0, 8).Select(_ => EchoUntilFailureAsync(agent.Connection)).ToArray();
            await Task.Delay(100);

            var clock = Stopwatch.StartNew();
            await agent.DisposeAsync().AsTask().Within(Bounds.Generous, "DisposeAsync under load");
            var disposed = clock.Elapsed;
            var report = await load.EndAsync(clock);
            var ended = await Task.WhenAll(echoes).Within(Bounds.Generous, "the echo loops");

            output.WriteLine($"round {round}: DisposeAsync under load took {disposed.TotalMilliseconds:0} ms; pending calls ended within "
                + $"{report.Ended.TotalMilliseconds:0} ms; echo loops ended with {string.Join(", ", ended.Select(e => e.GetType().Name).Distinct())}");
            Assert.True(disposed < TimeSpan.FromSeconds(10), $"DisposeAsync took {disposed.TotalMilliseconds:0} ms");
            Assert.All(report.Blocked, o => Assert.IsType<ObjectDisposedException>(o.Failure));
            Assert.All(ended, e => Assert.True(e is ObjectDisposedException or ConnectionLostException, e.ToString()));
            Assert.Equal(ConnectionState.Closed, agent.Connection.State);
        }
        Assert.All(pids, pid => Assert.True(AgentProcesses.IsGone(pid), $"agent {pid} outlived its connection"));
    }

    [Fact]
    public async Task SHUTDOWN_stops_an_agent_whose_stdin_never_closes_without_a_signal()
    {
        // The agent reads a FIFO that a background `sleep` also holds open for writing: closing the host's end of the
        // pipe never gives it EOF. Only SHUTDOWN makes it exit before the transport's SIGTERM.
        const string Script = "cd \"$1\"; mkfifo in; exec 3<&0; sleep 600 > in & echo $! > holder.pid; cat <&3 > in & exec \"$2\" \"$3\" < in";
        using var logs = new CollectingLoggerProvider();
        var options = new RmoteOptions { LoggerFactory = logs.CreateFactory() };
        var connection = await RmoteConnection.StartProcessAsync(["sh", "-c", Script, "sh", scratch, DotnetMuxer.Path, AgentBundle.Default.EntryPath], options)
            .Within(Bounds.Generous, "connect");
        try
        {
            var pid = await connection.CallAsync(() => ResilienceTools.ProcessId());
            var clock = Stopwatch.StartNew();
            await connection.DisposeAsync().AsTask().Within(Bounds.Generous, "DisposeAsync");

            output.WriteLine($"dispose with SHUTDOWN, stdin held open elsewhere: {clock.ElapsedMilliseconds} ms");
            Assert.True(AgentProcesses.IsGone(pid), $"agent {pid} still exists");
            Assert.DoesNotContain(logs.Messages, m => m.Contains("SIGTERM", StringComparison.Ordinal));
        }
        finally
        {
            Faults.Signal(int.Parse(File.ReadAllText(Path.Combine(scratch, "holder.pid"))), Faults.SigKill);
        }
    }

    private static async Task<Exception> EchoUntilFailureAsync(RmoteConnection connection)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                var value = i;
                Assert.Equal(value, await connection.CallAsync(() => ResilienceTools.Echo(value)));
            }
            catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
            {
                return failure;
            }
        }
    }
}
