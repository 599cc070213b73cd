using System.Diagnostics;

namespace Rmote.Transfers;

/// <summary>Counts a transfer's bytes and reports them to the caller's <see cref="IProgress{T}"/>, at most every 100 ms and at the end.</summary>
internal sealed class ProgressMeter(IProgress<TransferProgress>? progress, long? total)
{
    private static readonly long Interval = Stopwatch.Frequency / 10;
    private readonly long started = Stopwatch.GetTimestamp();
    private long bytes;
    private long lastReport;

    /// <summary>Bytes counted so far.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Counts <paramref name="count"/> more bytes.</summary>
    public void Add(int count)
    {
        var now = Interlocked.Add(ref bytes, count);
        if (progress is null) return;
        var at = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref lastReport);
        if (at - last >= Interval && Interlocked.CompareExchange(ref lastReport, at, last) == last) Report(now, at);
    }

    /// <summary>Reports the final count.</summary>
    public void Complete() => Report(Bytes, Stopwatch.GetTimestamp());

    private void Report(long count, long at)
    {
        var seconds = Stopwatch.GetElapsedTime(started, at).TotalSeconds;
        progress?.Report(new TransferProgress(count, total, seconds > 0 ? count / seconds : 0));
    }
}
