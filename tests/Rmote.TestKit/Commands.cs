using System.Diagnostics;

namespace Rmote.TestKit;

/// <summary>Runs the system commands fixtures need (ssh-keygen, useradd, ip, visudo …) and waits for them.</summary>
public static class Commands
{
    /// <summary>Runs <paramref name="command"/>; throws with its stderr when it exits non-zero.</summary>
    public static Task RunAsync(params string[] command) => RunAsync(check: true, command);

    /// <summary>Runs <paramref name="command"/>; with <paramref name="check"/>, throws with its stderr when it exits non-zero.</summary>
    public static async Task RunAsync(bool check, params string[] command)
    {
        var startInfo = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in command.Skip(1)) startInfo.ArgumentList.Add(arg);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"{command[0]} could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await stderr}");
    }
}
