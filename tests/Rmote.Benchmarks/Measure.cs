using System.Diagnostics;

namespace Rmote.Benchmarks;

/// <summary>Helpers shared by all suites: repeat a measurement and keep the median.</summary>
public static class Measure
{
    /// <summary>Median of the values (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Runs <paramref name="sample"/> <paramref name="runs"/> times, logs each figure and returns the median.</summary>
    public static async Task<double> MedianOfAsync(string key, int runs, TextWriter log, Func<Task<double>> sample)
    {
        var values = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var value = await sample();
            values.Add(value);
            log.WriteLine($"  {key} run {i + 1}/{runs}: {value:F2}");
        }
        var median = Median(values);
        log.WriteLine($"{key} = {median:F2} (median of {runs})");
        return median;
    }

    /// <summary>
    /// MiB/s of one 64 MiB random <c>byte[]</c> result on <paramref name="connection"/>; the bytes are made on the agent
    /// before the clock starts, so the figure is the transfer.
    /// </summary>
    public static async Task<double> Bulk64MibAsync(RmoteConnection connection, CancellationToken cancellationToken)
    {
        const int length = 64 * 1024 * 1024;
        await connection.CallAsync(() => BenchTools.Bytes(length), cancellationToken);
        var clock = Stopwatch.StartNew();
        var bytes = await connection.CallAsync(() => BenchTools.Bytes(length), cancellationToken);
        if (bytes.Length != length) throw new InvalidOperationException("short result");
        return 64 / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Microseconds per call of 20 000 sequential calls on <paramref name="connection"/>.</summary>
    public static async Task<double> SequentialRoundTripMicrosecondsAsync(RmoteConnection connection, CancellationToken cancellationToken)
    {
        const int calls = 20_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) await connection.CallAsync(() => BenchTools.Echo(i), cancellationToken);
        return clock.Elapsed.TotalMicroseconds / calls;
    }

    /// <summary>Calls per second of 200 000 calls, 10 000 in flight, on <paramref name="connection"/>.</summary>
    public static async Task<double> ConcurrentCallsPerSecondAsync(RmoteConnection connection, CancellationToken cancellationToken)
    {
        const int calls = 200_000, inFlight = 10_000;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, inFlight).Select(async w =>
        {
            for (var i = w; i < calls; i += inFlight) await connection.CallAsync(() => BenchTools.Echo(i), cancellationToken);
        });
        await Task.WhenAll(workers);
        return PerSecond(calls, clock.Elapsed);
    }

    /// <summary>Operations per second for <paramref name="count"/> operations taking <paramref name="elapsed"/>.</summary>
    public static double PerSecond(long count, TimeSpan elapsed) => count / elapsed.TotalSeconds;

    /// <summary>Times one synchronous action.</summary>
    public static TimeSpan Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed;
    }
}
