using System.Security.Cryptography;
using System.Text;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

/// <summary>
/// Files on the target: read, write (atomic and idempotent), inspect, glob, edit single lines, extract archives.
/// Writing methods converge: they report <c>Changed</c> and leave a file that is already right untouched — same
/// inode, same mtime, same ctime.
/// </summary>
[Tool]
public static partial class FileSystem
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The content of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static byte[] ReadBytes(string path) => File.ReadAllBytes(path);

    /// <summary>The content of <paramref name="path"/> decoded as UTF-8 (a byte order mark is dropped).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string ReadText(string path) => File.ReadAllText(path, Utf8);

    /// <summary>Whether <paramref name="path"/> exists (a symlink counts when its target exists).</summary>
    public static bool Exists(string path) => NativeFile.TryStat(path, followSymlinks: true) is not null;

    /// <summary>Type, size, mode, owner, inode and times of <paramref name="path"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="followSymlinks">Report on a symlink's target instead of the link.</param>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static FileStatus Stat(string path, bool followSymlinks = false)
    {
        var status = NativeFile.TryStat(path, followSymlinks) ?? throw new FileNotFoundException($"'{path}' does not exist.", path);
        var type = status.TypeBits switch
        {
            0x8000 => FileType.RegularFile,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            0x1000 => FileType.Fifo,
            0xC000 => FileType.Socket,
            0x2000 => FileType.CharacterDevice,
            _ => FileType.BlockDevice,
        };
        return new FileStatus(
            path, type, status.Size, status.Mode, status.Uid, status.Gid,
            Accounts.FindUser(status.Uid)?.Name, Accounts.FindGroup(status.Gid)?.Name,
            status.Inode, status.Links, status.LastWriteTime, status.LastStatusChangeTime,
            type == FileType.SymbolicLink ? new FileInfo(path).LinkTarget : null);
    }

    /// <summary>The lower-case hex SHA-256 of the content of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string Checksum(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>
    /// The paths below <paramref name="path"/> matching <paramref name="pattern"/>, sorted ordinally. The pattern is
    /// relative, its parts separated by <c>/</c>: <c>*</c> matches any characters within a name (hidden names too),
    /// <c>?</c> one character, <c>[abc]</c>/<c>[a-z]</c>/<c>[!abc]</c> a set, and a part <c>**</c> any number of
    /// directories (symlinked directories are not descended into by <c>**</c>).
    /// </summary>
    /// <returns>Full paths: <paramref name="path"/> joined with each match.</returns>
    /// <exception cref="ArgumentException">The pattern is absolute or has an unclosed <c>[</c>.</exception>
    public static string[] Glob(string path, string pattern) =>
        new GlobPattern(pattern).Match(path).Select(match => Path.Join(path, match)).Order(StringComparer.Ordinal).ToArray();
}
