using System.Runtime.InteropServices;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// Who owns a path and what it is, without following symlinks (<c>statx</c>, whose struct layout is the same on every
/// Linux architecture) — the BCL gives the mode but not the owner, and a control socket must be ours to be trusted.
/// </summary>
internal static class UnixFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int FileTypeMask = 0xF000;

    /// <summary>The file types <see cref="Stat"/> tells apart.</summary>
    public enum Kind { Missing, Directory, Socket, Symlink, Other }

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUserId => OperatingSystem.IsWindows() ? 0 : GetEffectiveUserId();

    /// <summary>The path's type, owner and permission bits (<c>Missing</c> when it does not exist or cannot be read).</summary>
    public static (Kind Kind, uint Owner, int Mode) Stat(string path)
    {
        if (OperatingSystem.IsWindows()) return (Kind.Missing, 0, 0);
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0) return (Kind.Missing, 0, 0);
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid (offset 20), u32 gid, u16 mode (offset 28).
        var owner = BitConverter.ToUInt32(buffer, 20);
        int mode = BitConverter.ToUInt16(buffer, 28);
        var kind = (mode & FileTypeMask) switch
        {
            0x4000 => Kind.Directory,
            0xC000 => Kind.Socket,
            0xA000 => Kind.Symlink,
            _ => Kind.Other,
        };
        return (kind, owner, mode & 0xFFF);
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags,
        uint mask, [Out] byte[] buffer);
}
