namespace Rmote.TestKit.Cluster;

/// <summary>Which controller holds a host: its agent's parent process; and cleanup of agents a killed node left behind.</summary>
public static class Agents
{
    /// <summary>The parent process id of <paramref name="pid"/> (from /proc), or -1 when it is gone.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>How many processes have <paramref name="parent"/> as their parent (a proxy-only node holds no agent).</summary>
    public static int ChildAgents(int parent) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Count(d => int.TryParse(d, out var pid) && ParentOf(pid) == parent);

    /// <summary>The agent pid in an answer <c>ok Int32:PID</c>.</summary>
    public static int Pid(string answer) =>
        answer.StartsWith("ok Int32:", StringComparison.Ordinal) ? int.Parse(answer["ok Int32:".Length..]) : throw new Xunit.Sdk.XunitException($"not a pid: {answer}");

    /// <summary>SIGKILLs whatever of <paramref name="pids"/> still runs (agents of a SIGKILLed node exit on EOF; this is the backstop).</summary>
    public static void Reap(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                if (process.ProcessName == "dotnet") process.Kill();
            }
            catch (Exception)
            {
                // Gone already.
            }
        }
    }
}
