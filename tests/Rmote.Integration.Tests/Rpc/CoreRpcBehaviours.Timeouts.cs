using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// A call that takes too long ends promptly on the host, and the tool's token fires on the agent.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task The_call_timeout_ends_a_slow_call_promptly_and_cancels_the_tool()
    {
        // Long enough that an ordinary call on a very busy machine stays within it, short enough to wait for twice.
        var limit = TimeSpan.FromSeconds(2);
        var connection = await FreshAsync(new RmoteOptions { CallTimeout = limit });
        await connection.CallAsync(() => Calc.Add(1, 1));   // synced, so the clock measures the call only
        var marker = Guid.NewGuid().ToString("N");

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            connection.CallAsync(() => HostScenarios.WaitForCancellationAsync(marker, CancellationToken.None)).Within(Bounds.Generous, "A timed-out call"));
        clock.Stop();

        Output.WriteLine($"timeout {limit.TotalMilliseconds} ms -> TimeoutException after {clock.ElapsedMilliseconds} ms: {failure.Message}");
        Assert.True(clock.Elapsed < limit + TimeSpan.FromSeconds(5), $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed >= limit - TimeSpan.FromMilliseconds(50), $"took only {clock.ElapsedMilliseconds} ms");
        // Follow-up queries on this connection are bounded by the call timeout too: they wait less than it.
        Assert.True(await connection.CallAsync(() => HostScenarios.WasCancelledAsync(marker, 1500)), "the tool's token was not cancelled on the agent");

        // A blocking tool watching ToolContext.CancellationToken is cancelled the same way.
        var blocking = Guid.NewGuid().ToString("N");
        await Assert.ThrowsAsync<TimeoutException>(() => connection.CallAsync(() => HostScenarios.SleepUntilCancelled(blocking)).Within(Bounds.Generous, "A timed-out blocking call"));
        Assert.True(await connection.CallAsync(() => HostScenarios.WasCancelledAsync(blocking, 1500)), "the blocking tool's token was not cancelled");

        // Quick calls are unaffected by the timeout.
        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

    [Fact]
    public async Task Cancelling_a_call_ends_it_promptly_and_cancels_the_tool()
    {
        var connection = await SharedAsync();
        await connection.CallAsync(() => Calc.Add(1, 1));
        var marker = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource();

        var call = connection.CallAsync(() => HostScenarios.WaitForCancellationAsync(marker, CancellationToken.None), cancel.Token);
        Assert.True(await connection.CallAsync(() => HostScenarios.WaitForBlockedAsync(marker, 1, 20_000)), "the call did not start on the agent");
        var clock = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Within(Bounds.Generous, "A cancelled call"));
        clock.Stop();

        Output.WriteLine($"cancelled call ended {clock.ElapsedMilliseconds} ms after Cancel()");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(await connection.CallAsync(() => HostScenarios.WasCancelledAsync(marker, 20_000)), "the tool's token was not cancelled on the agent");

        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

    [Fact]
    public async Task A_call_abandoned_at_once_never_leaves_its_tool_running_on_the_agent()
    {
        var connection = await SharedAsync();
        await connection.CallAsync(() => Calc.Add(1, 1));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var markers = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        // The request and its CANCEL leave back to back: the agent must not lose the CANCEL (or must not run the call).
        await Task.WhenAll(markers.Select(marker => Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connection.CallAsync(() => HostScenarios.WaitForCancellationAsync(marker, CancellationToken.None), cancelled.Token))));

        // Each tool either never started, or started and saw its token cancelled (both checked on the agent, bounded).
        var started = await Task.WhenAll(markers.Select(marker => connection.CallAsync(() => HostScenarios.WaitForBlockedAsync(marker, 1, 2000))));
        var cancelledThere = await Task.WhenAll(markers.Select(marker => connection.CallAsync(() => HostScenarios.WasCancelledAsync(marker, 10_000))));
        var leftRunning = markers.Where((_, i) => started[i] && !cancelledThere[i]).ToList();
        Output.WriteLine($"{started.Count(s => s)} of {markers.Length} abandoned calls started on the agent; {leftRunning.Count} kept running");
        Assert.True(leftRunning.Count == 0, $"{leftRunning.Count} of {markers.Length} tools kept running on the agent after their call was cancelled");
    }

    [Fact]
    public async Task A_token_passed_to_the_tool_in_the_call_expression_cancels_the_call()
    {
        var connection = await SharedAsync();
        await connection.CallAsync(() => Calc.Add(1, 1));
        var marker = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // What a user writes for a tool taking a CancellationToken: pass their token to it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connection.CallAsync(() => HostScenarios.WaitForCancellationAsync(marker, cancel.Token)).Within(TimeSpan.FromSeconds(10), "A call whose token was cancelled"));
        Assert.True(await connection.CallAsync(() => HostScenarios.WasCancelledAsync(marker, 20_000)), "the tool's token was not cancelled on the agent");
    }
}
