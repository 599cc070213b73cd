namespace Rmote.Integration.Tests.Support;

/// <summary>What /proc says about agent processes on this machine.</summary>
public static class AgentProcesses
{
    /// <summary>
    /// True when process <paramref name="pid"/> no longer exists — not even as a zombie, i.e. it has been reaped.
    /// (A recycled pid would make this false; pids are not reused that fast on a test machine.)
    /// </summary>
    public static bool IsGone(int pid) => !Directory.Exists($"/proc/{pid}");

    /// <summary>Pids of the processes whose command line is exactly <paramref name="argv"/>.</summary>
    public static IReadOnlyList<int> Running(params string[] argv)
    {
        var wanted = string.Concat(argv.Select(a => a + "\0"));
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")) == wanted) found.Add(pid);   // NUL-separated arguments
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process went away while we looked.
            }
        }
        return found;
    }

    /// <summary>Pids of the local agents that are children of this test process.</summary>
    public static IReadOnlySet<int> ChildAgents()
    {
        var self = Environment.ProcessId;
        var found = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                // stat: "pid (comm) state ppid ..."; comm may contain spaces, so parse after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) != self) continue;
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("Rmote.Agent.dll", StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process went away while we looked.
            }
        }
        return found;
    }

    /// <summary>Command lines of all live processes (NULs as spaces).</summary>
    public static IEnumerable<string> CommandLines() =>
        Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); }
                catch (IOException) { return ""; }
                catch (UnauthorizedAccessException) { return ""; }
            });
}
