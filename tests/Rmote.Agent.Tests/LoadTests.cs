using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Rmote.Agent.Tests.Client;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

[CollectionDefinition(nameof(LoadTests), DisableParallelization = true)]
public sealed class LoadTestsCollection;

[Collection(nameof(LoadTests))]
public sealed class LoadTests
{
    [Fact]
    public async Task Forty_concurrent_blocking_calls_do_not_starve_each_other()
    {
        await using var agent = await AgentProcess.StartAsync();
        await agent.CallAsync(() => Calc.Sleep(1));

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => agent.CallAsync(() => Calc.Sleep(500))));
        clock.Stop();

        Assert.All(results, r => Assert.Equal(500, r));
        // Serially this takes 20 s and with a slowly ramping thread pool several seconds; the issue asks for < 2 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"40 × 0.5 s blocking calls took {clock.Elapsed}");
    }

    [Fact]
    public async Task Ten_thousand_log_records_are_all_delivered_in_order_and_the_connection_stays_responsive()
    {
        await using var agent = await AgentProcess.StartAsync();
        var logging = agent.CallAsync(() => Noisy.Log(10_000));
        Assert.Equal(7, await agent.CallAsync(() => Calc.Add(3, 4)));
        Assert.Equal(10_000, await logging);

        var records = agent.Logs.Where(r => r.Category == "Tests.Chatty").ToList();
        Assert.Equal(10_001, records.Count);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => $"record {i}"), records.Take(10_000).Select(r => r.Message));
        Assert.All(records.Take(10_000), r => Assert.Equal(LogLevel.Information, r.Level));
        var last = records[^1];
        Assert.Equal((LogLevel.Warning, 7, "done", "finished 10000"), (last.Level, last.EventId, last.EventName, last.Message));
        Assert.Contains("attached", last.Exception, StringComparison.Ordinal);
    }
}
