using System.Runtime.InteropServices;

namespace Rmote.Transports;

/// <summary>SIGTERM for a child: <see cref="System.Diagnostics.Process.Kill()"/> only knows SIGKILL.</summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to terminate; false if it is already gone (or on Windows).</summary>
    public static bool Terminate(int pid) => Send(pid, SigTerm);

    /// <summary>Sends signal number <paramref name="signal"/> to <paramref name="pid"/>; false when it could not be delivered.</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
