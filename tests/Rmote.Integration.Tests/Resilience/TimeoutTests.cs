using System.Diagnostics;
using Rmote.Integration.Tests.Ssh;
using Rmote.TestTools;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// Per-call timeouts for all four call shapes: the caller gets <see cref="TimeoutException"/> at once, CANCEL reaches
/// the agent and the tool's token fires (a parameter or <see cref="ToolContext.CancellationToken"/>), a late reply is
/// dropped quietly, and the per-call value overrides <see cref="RmoteOptions.CallTimeout"/>.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class TimeoutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Each_call_shape_times_out_at_its_own_timeout_and_cancels_the_tool()
    {
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        await connection.CallAsync(() => ResilienceTools.Echo(0));
        var run = Guid.NewGuid().ToString("N");

        await AssertTimesOutAsync(connection, "T", () => connection.CallAsync(() => ResilienceTools.BlockUntilCancelled(run + "T"), Limit), run + "T");
        await AssertTimesOutAsync(connection, "Task<T>", () => connection.CallAsync(() => ResilienceTools.WaitForCancellationAsync(run + "TT", CancellationToken.None), Limit), run + "TT");
        await AssertTimesOutAsync(connection, "void", () => connection.CallAsync(() => ResilienceTools.BlockVoid(run + "V"), Limit), run + "V");
        await AssertTimesOutAsync(connection, "Task", () => connection.CallAsync(() => ResilienceTools.WaitVoidAsync(run + "VT", CancellationToken.None), Limit), run + "VT");
        Assert.Equal(7, await connection.CallAsync(() => ResilienceTools.Echo(7), Limit));
    }

    [Fact]
    public async Task The_per_call_timeout_overrides_the_default_and_a_late_reply_is_dropped_quietly()
    {
        using var logs = new CollectingLoggerProvider();
        var options = new RmoteOptions { CallTimeout = TimeSpan.FromMilliseconds(100), LoggerFactory = logs.CreateFactory() };
        await using var connection = await RmoteConnection.StartLocalAsync(options).Within(Bounds.Generous, "StartLocalAsync");
        await connection.CallAsync(() => ResilienceTools.Echo(0), Timeout.InfiniteTimeSpan);

        Assert.Equal(400, await connection.CallAsync(() => ResilienceTools.SleepIgnoringCancellation(400), Timeout.InfiniteTimeSpan));
        Assert.Equal(400, await connection.CallAsync(() => ResilienceTools.SleepIgnoringCancellation(400), TimeSpan.FromSeconds(20)));
        await Assert.ThrowsAsync<TimeoutException>(() => connection.CallAsync(() => ResilienceTools.SleepIgnoringCancellation(400)));

        // The tool above ignores cancellation: its reply comes after the caller gave up and must change nothing.
        Assert.True(await Faults.EventuallyAsync(() => logs.Messages.Any(m => m.Contains("no call is waiting for", StringComparison.Ordinal)), Bounds.Generous),
            "the late reply was not noticed");
        Assert.Equal(5, await connection.CallAsync(() => ResilienceTools.Echo(5), Timeout.InfiniteTimeSpan));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("never sent", StringComparison.Ordinal));
        Assert.Equal(ConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task A_timeout_that_is_zero_or_negative_is_rejected()
    {
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => connection.CallAsync(() => ResilienceTools.Echo(1), TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => connection.CallAsync(() => ResilienceTools.Echo(1), TimeSpan.FromSeconds(-1)));
    }

    private async Task AssertTimesOutAsync(RmoteConnection connection, string shape, Func<Task> call, string marker)
    {
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => call().Within(Bounds.Generous, $"a {shape} call with a timeout"));
        var ended = clock.Elapsed;
        var cancelled = await connection.CallAsync(() => ResilienceTools.WasCancelledAsync(marker, 20_000));
        output.WriteLine($"{shape}: TimeoutException after {ended.TotalMilliseconds:0} ms (limit {Limit.TotalMilliseconds} ms); tool cancelled on the agent: {cancelled}");
        Assert.InRange(ended, Limit - TimeSpan.FromMilliseconds(50), Limit + TimeSpan.FromSeconds(3));
        Assert.True(cancelled, $"the {shape} tool's token was not cancelled on the agent");
    }
}
