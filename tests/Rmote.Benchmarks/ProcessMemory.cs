namespace Rmote.Benchmarks;

/// <summary>Resident memory of a process, as the kernel reports it (what a target host pays for an agent).</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in MiB.</summary>
    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
