using System.Runtime.InteropServices;

namespace Rmote.Agent.Stdio;

/// <summary>The few libc calls stdio protection needs.</summary>
internal static partial class LibC
{
    public const int OpenReadWrite = 2;

    /// <summary><c>F_DUPFD_CLOEXEC</c>: duplicate to the lowest free descriptor ≥ arg, close-on-exec set atomically.</summary>
    public static int DuplicateCloseOnExec => OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 67 : 1030;

    /// <summary><c>F_SETPIPE_SZ</c> (Linux): resize a pipe's kernel buffer.</summary>
    public const int SetPipeSize = 1031;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
