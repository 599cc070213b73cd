using System.Diagnostics;
using Rmote.TestTools;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// The fault matrix of issue 5, against real agent processes with reconnect on. For each fault: how long from the
/// fault until every pending call had ended, how many calls were lost (a call is lost when it neither completes with
/// its correct result nor fails with an exception — must be 0), and whether the next call succeeds on a new agent.
/// Each test prints a <c>MATRIX</c> line with its figures.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DetectionBound = TimeSpan.FromSeconds(5);   // target 1 s; noisy shared machine
    private static readonly TimeSpan HeartbeatBound = TimeSpan.FromSeconds(10);  // 3 missed 500 ms heartbeats, then as above

    [Fact]
    public async Task Kill_9_mid_call_fails_pending_calls_and_the_next_call_runs_on_a_new_agent()
    {
        await using var agent = await ResilientConnection.StartAsync();
        var load = await PendingLoad.StartAsync(agent.Connection, blocked: 20, quick: 200);

        var clock = Stopwatch.StartNew();
        Assert.True(Faults.Signal(agent.Pid, Faults.SigKill));
        var report = await load.EndAsync(clock);

        Assert.All(report.Blocked, o => Assert.IsType<ConnectionLostException>(o.Failure));
        await AssertRecoversAsync(agent, "kill -9", report);
        Assert.Equal([ConnectionState.Reconnecting, ConnectionState.Connected], agent.States);
    }

    [Fact]
    public async Task SIGSTOP_is_survived_when_short_and_declared_dead_by_the_heartbeat_when_long()
    {
        // Declared dead after 3 unanswered PINGs 500 ms apart (1.5-2 s); patient enough for a first SYNC on a busy machine.
        var options = ResilientConnection.Options with { HeartbeatInterval = TimeSpan.FromMilliseconds(500), MissedHeartbeats = 3 };
        await using var agent = await ResilientConnection.StartAsync(options);

        // A pause shorter than the heartbeat's patience: the call in flight completes, no reconnect.
        var call = agent.Connection.CallAsync(() => ResilienceTools.SleepIgnoringCancellation(200));
        Faults.Signal(agent.Pid, Faults.SigStop);
        await Task.Delay(100);
        Faults.Signal(agent.Pid, Faults.SigCont);
        Assert.Equal(200, await call.Within(Bounds.Generous, "a call across a short SIGSTOP"));
        Assert.Equal(agent.Pid, await agent.Connection.CallAsync(() => ResilienceTools.ProcessId()));

        var load = await PendingLoad.StartAsync(agent.Connection, blocked: 20, quick: 0);
        var stopped = agent.Pid;
        var clock = Stopwatch.StartNew();
        Assert.True(Faults.Signal(stopped, Faults.SigStop));
        var report = await load.EndAsync(clock);
        Faults.Signal(stopped, Faults.SigCont);   // if it still exists: it has been given up on and is being stopped

        Assert.All(report.Blocked, o => Assert.Contains("heartbeats", Assert.IsType<ConnectionLostException>(o.Failure).Message, StringComparison.Ordinal));
        await AssertRecoversAsync(agent, "SIGSTOP (heartbeat 500 ms x 3)", report, HeartbeatBound);
        Assert.True(await Faults.EventuallyAsync(() => AgentProcesses.IsGone(stopped), Bounds.Generous), $"the stopped agent {stopped} was not reaped");
    }

    [Fact]
    public async Task An_agent_closing_its_stdout_fails_pending_calls_and_is_replaced()
    {
        await using var agent = await ResilientConnection.StartAsync();
        var load = await PendingLoad.StartAsync(agent.Connection, blocked: 10, quick: 100);
        var old = agent.Pid;

        var clock = Stopwatch.StartNew();
        var closing = agent.Connection.CallAsync(() => ResilienceTools.CloseProtocolOutput());
        var report = await load.EndAsync(clock);

        Assert.IsType<ConnectionLostException>((await Bounds.Outcome(closing, clock)).Failure);
        Assert.All(report.Blocked, o => Assert.IsType<ConnectionLostException>(o.Failure));
        await AssertRecoversAsync(agent, "agent closes stdout", report);
        Assert.True(await Faults.EventuallyAsync(() => AgentProcesses.IsGone(old), Bounds.Generous), $"the old agent {old} was not reaped");
    }

    [Fact]
    public async Task A_tool_calling_Environment_Exit_3_fails_pending_calls_and_logs_the_exit_code()
    {
        var logs = new InMemoryLoggerProvider();
        await using var agent = await ResilientConnection.StartAsync(ResilientConnection.Options with { LoggerFactory = logs.CreateFactory() });
        var load = await PendingLoad.StartAsync(agent.Connection, blocked: 10, quick: 100);

        var clock = Stopwatch.StartNew();
        var exit = agent.Connection.CallAsync(() => ResilienceTools.Exit(3));
        var report = await load.EndAsync(clock);

        Assert.IsType<ConnectionLostException>((await Bounds.Outcome(exit, clock)).Failure);
        Assert.All(report.Blocked, o => Assert.IsType<ConnectionLostException>(o.Failure));
        await logs.WaitForAsync(e => e.Any(l => l.Message.Contains("exited with code 3", StringComparison.Ordinal)), Bounds.Generous, "the exit code in the log");
        await AssertRecoversAsync(agent, "Environment.Exit(3)", report);
    }

    [Fact]
    public async Task Cancelling_1000_in_flight_calls_ends_them_at_once_and_cancels_every_tool()
    {
        await using var agent = await ResilientConnection.StartAsync();
        using var cancel = new CancellationTokenSource();
        var calls = Enumerable.Range(0, 1000)
            .Select(i => (Task)agent.Connection.CallAsync(() => ResilienceTools.WaitForCancellationAsync("c" + i, CancellationToken.None), cancel.Token))
            .ToList();
        Assert.True(await Faults.EventuallyAsync(() => agent.Connection.CallAsync(() => ResilienceTools.Waiting()).Result == 1000, Bounds.Generous),
            "the 1000 calls did not all start on the agent");

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var outcomes = await Task.WhenAll(calls.Select(c => Bounds.Outcome(c, clock))).Within(Bounds.Generous, "the cancelled calls");
        var ended = outcomes.Max(o => o.At);
        Assert.True(await Faults.EventuallyAsync(() => agent.Connection.CallAsync(() => ResilienceTools.Waiting()).Result == 0, Bounds.Generous),
            "not every tool saw its token cancelled");
        var toolsCancelled = clock.Elapsed;

        Assert.All(outcomes, o => Assert.IsAssignableFrom<OperationCanceledException>(o.Failure));
        var next = await agent.Connection.CallAsync(() => ResilienceTools.ProcessId());
        output.WriteLine($"MATRIX | host cancels 1000 in-flight calls | all ended {ended.TotalMilliseconds:0} ms after Cancel() | "
            + $"all 1000 tools saw their token within {toolsCancelled.TotalMilliseconds:0} ms | lost 0 | next call ok on the same agent: {next == agent.Pid}");
        Assert.True(ended < DetectionBound, $"the cancelled calls took {ended.TotalMilliseconds:0} ms to end");
        Assert.Equal(agent.Pid, next);
    }

    [Fact]
    public async Task Ten_reconnect_cycles_under_continuous_load_lose_no_acknowledged_result()
    {
        await using var agent = await ResilientConnection.StartAsync();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(w => EchoLoopAsync(agent.Connection, w, stop.Token)).ToArray();
        var downtimes = new List<TimeSpan>();

        for (var cycle = 0; cycle < 10; cycle++)
        {
            await Task.Delay(100);   // let the load run on this agent
            var old = agent.Pid;
            var clock = Stopwatch.StartNew();
            Assert.True(Faults.Signal(old, Faults.SigKill));
            Assert.NotEqual(old, await agent.RefreshPidAsync());
            downtimes.Add(clock.Elapsed);
        }
        await stop.CancelAsync();
        var results = await Task.WhenAll(workers).Within(Bounds.Generous, "the load");

        var completed = results.Sum(r => r.Completed);
        var failures = results.SelectMany(r => r.Failures).ToList();
        output.WriteLine($"MATRIX | 10 reconnect cycles, 8 callers | {completed} calls completed correctly, {failures.Count} failed "
            + $"({string.Join(", ", failures.GroupBy(f => f.GetType().Name).Select(g => $"{g.Count()} {g.Key}"))}) | lost 0 | "
            + $"kill -> next call ok: median {Median(downtimes):0} ms, max {downtimes.Max().TotalMilliseconds:0} ms");
        Assert.All(failures, f => Assert.IsType<ConnectionLostException>(f));
        Assert.True(completed > 100, $"only {completed} calls completed");
        Assert.Equal(ConnectionState.Connected, agent.Connection.State);
    }

    private async Task AssertRecoversAsync(ResilientConnection agent, string fault, LoadReport report, TimeSpan? bound = null)
    {
        var old = agent.Pid;
        var clock = Stopwatch.StartNew();
        var next = await agent.RefreshPidAsync();
        output.WriteLine($"MATRIX | {fault} | all {report.Blocked.Count + report.Quick.Count} pending calls ended within {report.Ended.TotalMilliseconds:0} ms "
            + $"({report.Quick.Count(o => o.Failure is null)} quick calls had completed) | lost {report.Lost} | "
            + $"next call ok on a new agent after {clock.ElapsedMilliseconds} ms: {next != old}");
        Assert.True(report.Ended < (bound ?? DetectionBound), $"the pending calls took {report.Ended.TotalMilliseconds:0} ms to end");
        Assert.Equal(0, report.Lost);
        Assert.NotEqual(old, next);
        Assert.Equal(ConnectionState.Connected, agent.Connection.State);
    }

    private static async Task<(int Completed, List<Exception> Failures)> EchoLoopAsync(RmoteConnection connection, int worker, CancellationToken stop)
    {
        var completed = 0;
        var failures = new List<Exception>();
        for (var i = worker * 1_000_000; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var value = i;
                Assert.Equal(value, await connection.CallAsync(() => ResilienceTools.Echo(value)));   // a wrong result fails here
                completed++;
            }
            catch (ConnectionLostException lost)
            {
                failures.Add(lost);
            }
        }
        return (completed, failures);
    }

    private static double Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2).TotalMilliseconds;
}
