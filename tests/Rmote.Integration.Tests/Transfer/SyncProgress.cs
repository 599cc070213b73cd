namespace Rmote.Integration.Tests.Transfer;

/// <summary>
/// An <see cref="IProgress{T}"/> that records reports on the reporting thread (Progress&lt;T&gt; posts them later,
/// so a test could look before the last one arrived), optionally acting on each.
/// </summary>
internal sealed class SyncProgress(List<TransferProgress> reports, Action<TransferProgress>? onReport = null) : IProgress<TransferProgress>
{
    public void Report(TransferProgress value)
    {
        lock (reports) reports.Add(value);
        onReport?.Invoke(value);
    }
}
