using Microsoft.Extensions.Logging;

namespace Rmote.Demo;

/// <summary>The demo's tool: a few facts about the machine the agent runs on.</summary>
[Tool]
public static class SystemInfo
{
    /// <summary>The agent machine's host name.</summary>
    public static string Hostname() => Environment.MachineName;

    /// <summary>Size and free space of the file system holding <paramref name="path"/>.</summary>
    public static DiskUsage Disk(string path = "/")
    {
        var drive = new DriveInfo(path);
        return new DiskUsage(path, drive.TotalSize, drive.AvailableFreeSpace);
    }

    /// <summary>The agent's process id and runtime, proving the call ran in another process.</summary>
    public static AgentFacts Facts() => new(Environment.ProcessId, Environment.Version.ToString(), Environment.OSVersion.VersionString);

    /// <summary>Squares <paramref name="value"/> after a short sleep, so a batch of calls shows concurrency.</summary>
    public static async Task<long> SlowSquareAsync(long value, CancellationToken cancellationToken)
    {
        await Task.Delay(100, cancellationToken);
        return value * value;
    }

    /// <summary>Reads a text file on the agent's machine.</summary>
    public static Task<string> ReadAsync(string path, CancellationToken cancellationToken) => File.ReadAllTextAsync(path, cancellationToken);

    /// <summary>Logs <paramref name="message"/> through the call's logger; the host sees it as a forwarded record.</summary>
    public static void Greet(string message) =>
        ToolContext.CreateLogger("Demo").LogInformation("Hello from the agent (pid {Pid}): {Message}", Environment.ProcessId, message);
}
