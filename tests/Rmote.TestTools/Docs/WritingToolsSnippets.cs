// The C# examples of docs/writing-tools.md. Each region's body is the exact text of one code block in that document;
// Rmote.Agent.Tests/WritingToolsSnippetTests calls every one of them through a real agent.
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Rmote.TestTools.Docs;

#region snippet:writing-tools-basic
[Tool]
public static class SystemInfo
{
    public static string Hostname() => Environment.MachineName;

    public static DiskUsage Disk(string path = "/")
    {
        var drive = new DriveInfo(path);
        return new DiskUsage(path, drive.TotalSize, drive.AvailableFreeSpace);
    }

    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken) =>
        await File.ReadAllTextAsync(path, cancellationToken);
}

// Declared outside the tool and used on both sides: the host deserializes the result as this type.
public sealed record DiskUsage(string Path, long Total, long Free);
#endregion

#region snippet:writing-tools-context
[Tool]
public static class Backup
{
    public static int CopyAll(string source, string target)
    {
        var logger = ToolContext.CreateLogger("Backup");
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(source))
        {
            // Cancelled when the host cancels the call or the connection ends.
            ToolContext.CancellationToken.ThrowIfCancellationRequested();
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            logger.LogInformation("Copied {File}", file);
            copied++;
        }

        return copied;
    }
}
#endregion

#region snippet:writing-tools-process
[Tool]
public static class Packages
{
    public static string KernelVersion() =>
        RemoteProcess.Run(["uname", "-r"], captureOutput: true, check: true).StandardOutput!.Trim();

    public static int CountLines(string text) =>
        int.Parse(RemoteProcess.Run(["wc", "-l"], input: text, captureOutput: true).StandardOutput!.Trim());

    public static bool ServiceIsActive(string name) =>
        RemoteProcess.Run(["systemctl", "is-active", "--quiet", name]).ExitCode == 0;
}
#endregion

#region snippet:writing-tools-exceptions
public class QuotaException : Exception
{
    public QuotaException(string message) : base(message)
    {
    }

    public QuotaException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

[Tool]
public static class Quotas
{
    public static void Reserve(string user, long bytes)
    {
        if (bytes > 1_000_000)
        {
            throw new QuotaException($"{user} may not reserve {bytes} bytes") { Data = { ["limit"] = 1_000_000 } };
        }
    }
}
#endregion

#region snippet:writing-tools-stdio
[Tool]
public static partial class Chatty
{
    public static string Talk()
    {
        Console.WriteLine("this goes to /dev/null, not into the protocol");
        _ = Write(1, "so does this\n"u8.ToArray(), 13);
        return "still fine";
    }

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint Write(int fd, byte[] buffer, nint count);
}
#endregion
