using System.Diagnostics;
using Rmote.TestTools;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// Payloads above the chunk size travel as several frames interleaved with other traffic: a small call made while a
/// 64 MiB result is on its way is answered between two chunks. The figures (idle and during) are printed; the assert
/// is generous, the benchmark has the precise numbers.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class LargePayloadTests(ITestOutputHelper output)
{
    private const int Size = 64 * 1024 * 1024;

    [Fact]
    public async Task A_small_call_is_not_held_back_by_a_64_MiB_result_in_progress()
    {
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        await connection.CallAsync(() => ResilienceTools.Blob(1024 * 1024));   // warm: synced, JIT done
        var idle = await SampleAsync(connection, 200, () => false);

        var big = connection.CallAsync(() => ResilienceTools.Blob(Size));
        var during = await SampleAsync(connection, 100_000, () => big.IsCompleted);
        var blob = await big.Within(Bounds.Generous, "the 64 MiB result");

        output.WriteLine($"small call latency: idle median {Median(idle):0.00} ms; during a 64 MiB result ({during.Count} calls): "
            + $"median {Median(during):0.00} ms, max {during.DefaultIfEmpty().Max():0.00} ms");
        Assert.Equal(Size, blob.Length);
        Assert.True(during.Count >= 3, $"only {during.Count} small calls completed while the 64 MiB result was in progress");
        Assert.True(Median(during) < Median(idle) + 50, "small calls waited for the large result");
    }

    [Fact]
    public async Task A_64_MiB_argument_travels_in_chunks_and_arrives_whole()
    {
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        var data = new byte[Size];
        Random.Shared.NextBytes(data);
        Assert.Equal(Size, await connection.CallAsync(() => ResilienceTools.Length(data)).Within(Bounds.Generous, "a 64 MiB argument"));
        Assert.Equal(3, await connection.CallAsync(() => ResilienceTools.Echo(3)));
    }

    private static async Task<List<double>> SampleAsync(RmoteConnection connection, int max, Func<bool> done)
    {
        var latencies = new List<double>();
        while (latencies.Count < max && !done())
        {
            var clock = Stopwatch.StartNew();
            await connection.CallAsync(() => ResilienceTools.Echo(1));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
