using System.Runtime.InteropServices;

namespace Rmote.Cli;

/// <summary>The tool behind <c>rmote ping</c> and <c>rmote facts</c>.</summary>
[Tool]
public static class HostFactsTool
{
    /// <summary>Answers, proving an agent runs there: <c>pong from USER@HOST</c>.</summary>
    public static string Ping() => $"pong from {Environment.UserName}@{Environment.MachineName}";

    /// <summary>Gathers the host's facts.</summary>
    public static HostFacts Gather()
    {
        var meminfo = ReadLines("/proc/meminfo").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => long.TryParse(p[1].Trim().Split(' ')[0], out var kib) ? kib * 1024 : 0);
        var osRelease = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        var model = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var disks = DriveInfo.GetDrives()
            .Where(d => d.IsReady && d.DriveType is DriveType.Fixed or DriveType.Network && d.TotalSize > 0)
            .Select(d => new DiskFact(d.Name, d.DriveFormat, d.TotalSize, d.AvailableFreeSpace)).ToList();
        return new HostFacts(
            Environment.MachineName,
            osRelease?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription,
            File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.Version.ToString(),
            RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            Environment.ProcessorCount,
            model,
            meminfo.GetValueOrDefault("MemTotal"),
            meminfo.GetValueOrDefault("MemAvailable"),
            disks,
            RuntimeInformation.FrameworkDescription,
            Environment.UserName);
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
