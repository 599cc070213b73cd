using System.Diagnostics;
using Rmote.TestTools;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// At most <see cref="RmoteOptions.MaxCallsInFlight"/> calls run on the agent at once, further callers wait; a million
/// calls complete with memory that stays bounded.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class BackpressureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_more_than_MaxCallsInFlight_calls_run_on_the_agent_at_once()
    {
        await using var connection = await RmoteConnection.StartLocalAsync(new RmoteOptions { MaxCallsInFlight = 8 }).Within(Bounds.Generous, "StartLocalAsync");
        await connection.CallAsync(() => ResilienceTools.TakePeakConcurrency());

        var calls = Enumerable.Range(0, 100).Select(_ => connection.CallAsync(() => ResilienceTools.OccupyAsync(20)));
        await Task.WhenAll(calls).Within(Bounds.Generous, "100 calls");
        var peak = await connection.CallAsync(() => ResilienceTools.TakePeakConcurrency());

        output.WriteLine($"MaxCallsInFlight 8: at most {peak} calls ran on the agent at once");
        Assert.InRange(peak, 2, 8);
    }

    [Fact]
    public async Task A_million_calls_complete_with_bounded_memory()
    {
        const int Total = 1_000_000;
        const int Window = 20_000;   // callers outstanding at once: far more than the 1024 calls allowed in flight
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        await connection.CallAsync(() => ResilienceTools.Echo(0));

        using var self = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var outstanding = new Queue<(int Value, Task<int> Call)>(Window);
        long atTenth = 0, peak = 0;
        for (var i = 0; i < Total; i++)
        {
            var value = i;
            outstanding.Enqueue((value, connection.CallAsync(() => ResilienceTools.Echo(value))));
            if (outstanding.Count == Window)
            {
                var (expected, call) = outstanding.Dequeue();
                Assert.Equal(expected, await call);
            }
            if (i % 50_000 == 0)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                if (i == Total / 10) atTenth = self.WorkingSet64;
            }
        }
        while (outstanding.TryDequeue(out var last)) Assert.Equal(last.Value, await last.Call);
        self.Refresh();
        var elapsed = clock.Elapsed;
        peak = Math.Max(peak, self.WorkingSet64);

        output.WriteLine($"{Total} calls in {elapsed.TotalSeconds:0.0} s ({Total / elapsed.TotalSeconds:0} calls/s); working set after 10%: "
            + $"{atTenth / 1048576} MiB, peak sampled: {peak / 1048576} MiB, process peak: {self.PeakWorkingSet64 / 1048576} MiB, at the end: {self.WorkingSet64 / 1048576} MiB");
        // The process peak also covers earlier tests in this process (large payloads): the sampled figures are this test's.
        Assert.True(peak < 1024L * 1024 * 1024, $"peak working set {peak / 1048576} MiB");
        // Linear growth would be about a kilobyte per call, i.e. a gigabyte more by the end; the GC's own drift stays far below.
        Assert.True(peak - atTenth < 512L * 1024 * 1024, $"the working set grew from {atTenth / 1048576} MiB to {peak / 1048576} MiB");
    }
}
