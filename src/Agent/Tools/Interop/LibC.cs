using System.Runtime.InteropServices;

namespace Rmote.Tools.Interop;

/// <summary>
/// The libc calls the built-in tools need beyond the BCL: file status with owner and inode (<c>statx</c>, whose
/// buffer layout is the same on every Linux architecture), <c>lchown</c> and <c>fchmodat(AT_SYMLINK_NOFOLLOW)</c>
/// (ownership and mode without following symlinks),
/// directory <c>fsync</c> after an atomic rename, and the reentrant passwd/group lookups (so NSS sources such as LDAP
/// count too). Linux only, like the tools that use them.
/// </summary>
internal static unsafe partial class LibC
{
    /// <summary><c>AT_FDCWD</c>: paths relative to the current directory.</summary>
    public const int AtCurrentDirectory = -100;

    /// <summary><c>AT_SYMLINK_NOFOLLOW</c>: report on a symlink itself.</summary>
    public const int AtSymlinkNoFollow = 0x100;

    /// <summary><c>STATX_BASIC_STATS</c>.</summary>
    public const uint StatxBasicStats = 0x7ff;

    /// <summary>Size of <c>struct statx</c>.</summary>
    public const int StatxSize = 256;

    /// <summary><c>O_RDONLY | O_CLOEXEC</c> (the same value on every Linux architecture).</summary>
    public const int OpenReadOnlyCloseOnExec = 0x80000;

    /// <summary><c>ERANGE</c>: the buffer given to a reentrant lookup is too small.</summary>
    public const int RangeError = 34;

    /// <summary><c>ENOENT</c>.</summary>
    public const int NoEntry = 2;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LChown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FChmodAt(int directoryFd, string path, uint mode, int flags);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    public static partial int FChown(int fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetPwNam(string name, Passwd* entry, byte* buffer, nuint length, Passwd** result);

    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    public static partial int GetPwUid(uint uid, Passwd* entry, byte* buffer, nuint length, Passwd** result);

    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetGrNam(string name, Group* entry, byte* buffer, nuint length, Group** result);

    [LibraryImport("libc", EntryPoint = "getgrgid_r")]
    public static partial int GetGrGid(uint gid, Group* entry, byte* buffer, nuint length, Group** result);

    [LibraryImport("libc", EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetGroupList(string user, uint group, uint* groups, int* count);

    /// <summary><c>struct passwd</c> (pointer-sized fields and two 32-bit ids: the same layout on every LP64/ILP32 libc).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Directory;
        public nint Shell;
    }

    /// <summary><c>struct group</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Group
    {
        public nint Name;
        public nint Password;
        public uint Gid;
        public nint Members;
    }
}
