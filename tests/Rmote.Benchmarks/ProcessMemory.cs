namespace Rmote.Benchmarks;

/// <summary>
/// Resident memory and CPU time of a process, as the kernel reports them (what a target host pays for an agent).
/// </summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in MiB.</summary>
    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>User + system CPU time of <paramref name="pid"/> (all its threads) in milliseconds, 10 ms resolution.</summary>
    public static double CpuMilliseconds(int pid)
    {
        // /proc/PID/stat: "pid (comm) state …"; after the closing parenthesis, utime and stime are fields 12 and 13.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 1000.0 / ClockTicksPerSecond;
    }

    // sysconf(_SC_CLK_TCK): 100 on every Linux this runs on.
    private const double ClockTicksPerSecond = 100;
}
