using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// Many calls at once: blocking tools run in parallel on the agent; thousands in flight all get their own answer.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task Forty_concurrent_blocking_calls_run_in_parallel_on_the_agent()
    {
        var connection = await SharedAsync();
        await connection.CallAsync(() => Calc.Sleep(0));   // synced, warm

        var clock = Stopwatch.StartNew();
        var slept = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => connection.CallAsync(() => Calc.Sleep(500))))
            .Within(Bounds.Generous, "40 blocking calls");
        clock.Stop();

        Assert.All(slept, ms => Assert.Equal(500, ms));
        Output.WriteLine($"40 concurrent 0.5 s calls: {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < FortyBlockingCallsBound, $"40 concurrent 0.5 s calls took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Ten_thousand_concurrent_calls_each_get_their_own_result()
    {
        var connection = await SharedAsync();
        await connection.CallAsync(() => Calc.Add(0, 0));

        var clock = Stopwatch.StartNew();
        var calls = new Task<int>[10_000];
        for (var i = 0; i < calls.Length; i++)
        {
            var n = i;
            calls[i] = connection.CallAsync(() => Calc.Add(n, n));
        }
        var results = await Task.WhenAll(calls).Within(Bounds.Generous + Bounds.Generous, "10 000 concurrent calls");
        clock.Stop();

        for (var i = 0; i < results.Length; i++) Assert.Equal(2 * i, results[i]);
        Output.WriteLine($"10 000 concurrent calls: {clock.ElapsedMilliseconds} ms");
    }
}
