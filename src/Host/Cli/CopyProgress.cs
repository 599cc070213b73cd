using System.Runtime.CompilerServices;

namespace Rmote.Cli;

/// <summary>
/// The bytes <c>copy</c> has sent to all hosts, as the live table's caption shows it while the copy runs and after:
/// a copy of a large file to many hosts takes minutes, and a table of hosts that only say "running" looks stuck.
/// Reports arrive on the senders' threads; the table reads the latest.
/// </summary>
internal sealed class CopyProgress : IProgress<TransferProgress>
{
    private StrongBox<TransferProgress>? latest;

    public void Report(TransferProgress value) => Volatile.Write(ref latest, new StrongBox<TransferProgress>(value));

    /// <summary>"sent 123.4 MiB of 514.0 MiB (24 %), 310.2 MiB/s", or nothing before the first byte goes.</summary>
    public string? Describe()
    {
        if (Volatile.Read(ref latest) is not { Value: var now }) return null;
        var share = now.Total is > 0 and var total ? $" of {Mib(total)} ({100 * now.Bytes / total} %)" : "";
        return $"sent {Mib(now.Bytes)}{share}, {now.BytesPerSecond / (1024 * 1024):0.0} MiB/s";
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";
}
