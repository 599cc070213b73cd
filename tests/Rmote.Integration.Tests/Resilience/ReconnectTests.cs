using System.Diagnostics;
using Rmote.Bootstrap;
using Rmote.TestTools;
using Rmote.Transports;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// The reconnect policy: calls made while reconnecting wait for the new agent (bounded by their timeout), the tools
/// are synced again on the new agent, the connection gives up after the configured attempts, reconnect is off by
/// default, and the first connect is never retried.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class ReconnectTests(ITestOutputHelper output) : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("rmote-reconnect-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task Calls_made_while_reconnecting_wait_and_run_on_the_new_agent_which_syncs_the_tools_again()
    {
        var options = ResilientConnection.Options with
        {
            Reconnect = new ReconnectPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1) },
        };
        await using var agent = await ResilientConnection.StartAsync(options);
        var old = agent.Pid;
        Assert.Equal(1, agent.Connection.SyncCount);

        Faults.Signal(old, Faults.SigKill);
        Assert.True(await Faults.EventuallyAsync(() => agent.Connection.State == ConnectionState.Reconnecting, Bounds.Generous));
        var waiting = Enumerable.Range(0, 5).Select(i => agent.Connection.CallAsync(() => ResilienceTools.Echo(i))).ToList();
        var pids = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => agent.Connection.CallAsync(() => ResilienceTools.ProcessId())))
            .Within(Bounds.Generous, "calls made while reconnecting");

        var echoed = await Task.WhenAll(waiting);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, echoed);
        Assert.All(pids, pid => Assert.NotEqual(old, pid));
        Assert.Equal(1, agent.Connection.SyncCount);   // the new agent got the tool assembly once more
    }

    [Fact]
    public async Task A_call_waiting_for_a_reconnect_ends_with_TimeoutException_at_its_timeout()
    {
        var options = ResilientConnection.Options with
        {
            Reconnect = new ReconnectPolicy { BaseDelay = TimeSpan.FromSeconds(20), MaxDelay = TimeSpan.FromSeconds(20) },
        };
        await using var agent = await ResilientConnection.StartAsync(options);
        Faults.Signal(agent.Pid, Faults.SigKill);
        Assert.True(await Faults.EventuallyAsync(() => agent.Connection.State == ConnectionState.Reconnecting, Bounds.Generous));

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            agent.Connection.CallAsync(() => ResilienceTools.Echo(1), TimeSpan.FromMilliseconds(300)).Within(Bounds.Generous, "a call with a timeout"));
        output.WriteLine($"300 ms timeout while reconnecting -> TimeoutException after {clock.ElapsedMilliseconds} ms: {failure.Message}");
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Contains("Reconnecting", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_max_attempts_the_connection_gives_up_naming_the_last_failure()
    {
        // A real agent the first time; afterwards the command exits before the handshake.
        var once = Path.Combine(scratch, "started");
        string[] command = ["sh", "-c", "if [ -e \"$1\" ]; then echo 'no agent this time' >&2; exit 7; fi; : > \"$1\"; exec \"$2\" \"$3\"",
            "sh", once, DotnetMuxer.Path, AgentBundle.Default.EntryPath];
        var states = new List<ConnectionState>();
        var options = new RmoteOptions { Reconnect = new ReconnectPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(20) } };
        await using var connection = await RmoteConnection.StartProcessAsync(command, options).Within(Bounds.Generous, "connect");
        connection.StateChanged += (_, e) => { lock (states) states.Add(e.State); };
        var pid = await connection.CallAsync(() => ResilienceTools.ProcessId());

        Faults.Signal(pid, Faults.SigKill);
        Assert.True(await Faults.EventuallyAsync(() => connection.State == ConnectionState.Closed, Bounds.Generous), $"state {connection.State}");
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ConnectionLostException>(() => connection.CallAsync(() => ResilienceTools.Echo(1)));

        output.WriteLine($"gave up: {failure.Message} (a later call failed after {clock.Elapsed.TotalMilliseconds:0.0} ms)");
        Assert.Contains("after 3 attempt(s)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no agent this time", failure.ToString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "a call on a closed connection must fail fast");
        lock (states) Assert.Equal([ConnectionState.Reconnecting, ConnectionState.Closed], states);
    }

    [Fact]
    public async Task A_failing_first_connect_is_not_retried()
    {
        var options = ResilientConnection.Options with { ConnectTimeout = TimeSpan.FromSeconds(20) };
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RmoteConnectException>(() =>
            RmoteConnection.StartProcessAsync(["sh", "-c", "echo 'cannot start' >&2; exit 7"], options).Within(Bounds.Generous, "a failing connect"));
        output.WriteLine($"first connect failed after {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Without_a_reconnect_policy_a_lost_connection_closes_and_later_calls_fail_fast()
    {
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        var pid = await connection.CallAsync(() => ResilienceTools.ProcessId());
        Faults.Signal(pid, Faults.SigKill);

        Assert.True(await Faults.EventuallyAsync(() => connection.State == ConnectionState.Closed, Bounds.Generous), $"state {connection.State}");
        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.CallAsync(() => ResilienceTools.Echo(1)));
        Assert.True(await Faults.EventuallyAsync(() => AgentProcesses.IsGone(pid), Bounds.Generous), "the killed agent was not reaped");
    }
}
