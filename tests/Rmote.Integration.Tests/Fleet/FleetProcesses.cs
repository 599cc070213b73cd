namespace Rmote.Integration.Tests.Fleet;

/// <summary>What /proc says about the ssh clients of fleet tests.</summary>
public static class FleetProcesses
{
    /// <summary>Pids of live <c>ssh</c> processes whose command line mentions one of <paramref name="directories"/>.</summary>
    public static HashSet<int> SshClients(IEnumerable<string> directories) => SshCommandLines(directories).Keys.ToHashSet();

    /// <summary>As <see cref="SshClients"/>, with each one's argv.</summary>
    public static Dictionary<int, string[]> SshCommandLines(IEnumerable<string> directories)
    {
        var dirs = directories.ToList();
        var found = new Dictionary<int, string[]>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                var argv = File.ReadAllText(Path.Combine(directory, "cmdline")).TrimEnd('\0').Split('\0');
                if (argv[0] == "ssh" && dirs.Any(d => argv.Any(a => a.Contains(d, StringComparison.Ordinal)))) found[pid] = argv;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked.
            }
        }
        return found;
    }
}
