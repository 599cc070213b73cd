using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Rpc;

/// <summary>
/// Connecting fails with a typed error within bounded time and never leaves a process behind: a connect timeout, an
/// agent command that exits, a connect cancelled by the caller. Counts this process's agent children, so it runs in the
/// non-parallel collection.
/// </summary>
[Collection(RpcTimingCollection.Name)]
public sealed class LocalConnectTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_connect_timeout_is_a_typed_error_and_leaves_no_agent()
    {
        var before = AgentProcesses.ChildAgents();
        var clock = Stopwatch.StartNew();

        var failure = await Record.ExceptionAsync(() =>
            RmoteConnection.StartLocalAsync(new RmoteOptions { ConnectTimeout = TimeSpan.FromMilliseconds(1) }).Within(Bounds.Generous, "StartLocalAsync"));

        output.WriteLine($"after {clock.ElapsedMilliseconds} ms: {failure}");
        Assert.True(failure is RmoteConnectException or TimeoutException, $"got {failure?.GetType().Name ?? "no exception"}");
        Assert.Empty(AgentProcesses.ChildAgents().Except(before));
    }

    [Fact]
    public async Task A_command_that_never_starts_an_agent_times_out_and_is_killed()
    {
        var marker = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();

        var failure = await Record.ExceptionAsync(() =>
            RmoteConnection.StartCommandAsync(["sh", "-c", $"sleep 600; : {marker}"], new RmoteOptions { ConnectTimeout = TimeSpan.FromSeconds(1) })
                .Within(Bounds.Generous, "StartCommandAsync"));

        output.WriteLine($"after {clock.ElapsedMilliseconds} ms: {failure?.Message}");
        Assert.True(failure is RmoteConnectException or TimeoutException, $"got {failure?.GetType().Name ?? "no exception"}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.ElapsedMilliseconds} ms");
        Assert.DoesNotContain(AgentProcesses.CommandLines(), line => line.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_command_that_exits_is_a_connect_error_saying_so()
    {
        var failure = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            RmoteConnection.StartCommandAsync(["sh", "-c", "echo noise; echo 'no agent here' >&2; exit 3"]).Within(Bounds.Generous, "StartCommandAsync"));

        output.WriteLine(failure.Message);
        Assert.Contains("3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no agent here", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_connect_throws_OperationCanceledException_and_leaves_no_agent()
    {
        var before = AgentProcesses.ChildAgents();
        foreach (var delay in new[] { 0, 50, 150 })
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(delay));
            Exception? failure = null;
            try
            {
                // Connected before the cancel took effect: nothing to check for this delay.
                await (await RmoteConnection.StartLocalAsync(cancellationToken: cancel.Token).Within(Bounds.Generous, "StartLocalAsync")).DisposeAsync();
            }
            catch (Exception e)
            {
                failure = e;
            }
            output.WriteLine($"cancel after {delay} ms: {failure?.GetType().Name ?? "connected"}");
            if (failure is null) continue;
            Assert.IsAssignableFrom<OperationCanceledException>(failure);
            Assert.Empty(AgentProcesses.ChildAgents().Except(before));
        }
    }

    [Fact]
    public async Task A_connection_works_after_a_failed_connect_in_the_same_process()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => RmoteConnection.StartCommandAsync(["sh", "-c", "exit 3"]).Within(Bounds.Generous, "StartCommandAsync"));

        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

}
