using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rmote.Tools.Interop;

/// <summary>The raw <c>statx</c> fields the tools use.</summary>
internal readonly record struct NativeStatus(
    int TypeBits, UnixFileMode Mode, int Uid, int Gid, long Size, long Inode, int Links, DateTimeOffset LastWriteTime, DateTimeOffset LastStatusChangeTime)
{
    private const int TypeMask = 0xF000;

    /// <summary>A regular file.</summary>
    public bool IsRegularFile => TypeBits == 0x8000;

    /// <summary>A directory.</summary>
    public bool IsDirectory => TypeBits == 0x4000;

    /// <summary>A symbolic link (only reported when links are not followed).</summary>
    public bool IsSymbolicLink => TypeBits == 0xA000;

    /// <summary>Builds the record from a <c>struct statx</c> buffer.</summary>
    public static NativeStatus Read(ReadOnlySpan<byte> statx)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]);
        return new NativeStatus(
            mode & TypeMask,
            (UnixFileMode)(mode & 0xFFF),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(statx[20..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(statx[24..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(statx[40..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(statx[32..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(statx[16..]),
            Timestamp(statx[112..]),
            Timestamp(statx[96..]))
        {
            Device = ((long)BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]),
        };
    }

    /// <summary>The device the file is on (<c>stx_dev_major:stx_dev_minor</c>); with <see cref="Inode"/> it names one file.</summary>
    public long Device { get; init; }

    private static DateTimeOffset Timestamp(ReadOnlySpan<byte> field) =>
        DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(field))
            .AddTicks(BinaryPrimitives.ReadUInt32LittleEndian(field[8..]) / 100);
}

/// <summary>File operations on paths that the BCL does not offer: status with owner and inode, lchown, directory fsync.</summary>
internal static unsafe class NativeFile
{
    /// <summary>The status of <paramref name="path"/>, or null when it does not exist.</summary>
    /// <param name="path">The path.</param>
    /// <param name="followSymlinks">Report on the symlink's target instead of the link itself.</param>
    /// <exception cref="IOException">statx failed for another reason than a missing path.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static NativeStatus? TryStat(string path, bool followSymlinks = false)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The built-in file tools support little-endian Linux only.");
        }

        var buffer = stackalloc byte[LibC.StatxSize];
        if (LibC.Statx(LibC.AtCurrentDirectory, path, followSymlinks ? 0 : LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, buffer) == 0)
        {
            return NativeStatus.Read(new ReadOnlySpan<byte>(buffer, LibC.StatxSize));
        }

        var error = Marshal.GetLastPInvokeError();
        return error is LibC.NoEntry or 20 /* ENOTDIR */ ? null : throw Failure("stat", path, error);
    }

    /// <summary>The status of an open file (<c>fstat</c>: the file the handle names, whatever its path names now).</summary>
    /// <exception cref="IOException">statx failed.</exception>
    public static NativeStatus Stat(SafeFileHandle file, string path)
    {
        const int AtEmptyPath = 0x1000;   // statx on the descriptor itself
        var buffer = stackalloc byte[LibC.StatxSize];
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return LibC.Statx((int)file.DangerousGetHandle(), "", AtEmptyPath, LibC.StatxBasicStats, buffer) == 0
                ? NativeStatus.Read(new ReadOnlySpan<byte>(buffer, LibC.StatxSize))
                : throw Failure("fstat", path, Marshal.GetLastPInvokeError());
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Changes the owner and/or group of <paramref name="path"/> itself (a symlink is never followed); -1 keeps one.</summary>
    public static void LChown(string path, int uid, int gid)
    {
        if (LibC.LChown(path, (uint)uid, (uint)gid) != 0)
        {
            throw Failure("lchown", path, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// Sets the mode of <paramref name="path"/> itself; if it is (or has just been swapped for) a symlink, that is
    /// refused instead of changing the link's target.
    /// </summary>
    /// <exception cref="IOException">The path is a symlink, or chmod failed.</exception>
    public static void LChmod(string path, UnixFileMode mode)
    {
        if (LibC.FChmodAt(LibC.AtCurrentDirectory, path, (uint)mode, LibC.AtSymlinkNoFollow) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == 95 /* EOPNOTSUPP: a symlink */
                ? new IOException($"'{path}' is a symbolic link; refusing to change the mode of what it points to.")
                : Failure("chmod", path, error);
        }
    }

    /// <summary>Changes the owner and/or group of an open file; -1 keeps one.</summary>
    public static void FChown(SafeFileHandle file, string path, int uid, int gid)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            if (LibC.FChown((int)file.DangerousGetHandle(), (uint)uid, (uint)gid) != 0)
            {
                throw Failure("fchown", path, Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Flushes a directory's entries (a rename into it) to disk.</summary>
    public static void SyncDirectory(string directory)
    {
        var fd = LibC.Open(directory, LibC.OpenReadOnlyCloseOnExec);
        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            // EINVAL: the file system does not support syncing directories; the rename is as durable as it gets.
            if (LibC.FSync(fd) != 0 && Marshal.GetLastPInvokeError() is var error && error != 22)
            {
                throw Failure("fsync", directory, error);
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    // EACCES and EPERM become UnauthorizedAccessException, like the BCL's own file APIs.
    private static Exception Failure(string call, string path, int error) =>
        error is 13 or 1
            ? new UnauthorizedAccessException($"{call} '{path}': {Marshal.GetPInvokeErrorMessage(error)}")
            : new IOException($"{call} '{path}': {Marshal.GetPInvokeErrorMessage(error)}", error);
}
