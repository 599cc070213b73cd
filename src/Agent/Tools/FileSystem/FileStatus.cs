namespace Rmote.Tools;

/// <summary>What <see cref="FileSystem.Stat"/> reports about a path.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Type">The kind of object.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Mode">Permission bits, including set-user-id, set-group-id and sticky.</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="Owner">Owner user name, or null when the uid has no name.</param>
/// <param name="Group">Owner group name, or null when the gid has no name.</param>
/// <param name="Inode">Inode number (changes when a file is replaced, e.g. by an atomic write).</param>
/// <param name="Links">Number of hard links.</param>
/// <param name="LastWriteTime">Last content modification (mtime).</param>
/// <param name="LastStatusChangeTime">Last content or metadata change (ctime).</param>
/// <param name="LinkTarget">For a symbolic link, the path it points to; otherwise null.</param>
public sealed record FileStatus(
    string Path,
    FileType Type,
    long Size,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    string? Owner,
    string? Group,
    long Inode,
    int Links,
    DateTimeOffset LastWriteTime,
    DateTimeOffset LastStatusChangeTime,
    string? LinkTarget);
