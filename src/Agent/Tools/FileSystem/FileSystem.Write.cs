using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

// Writing, creating and removing.
public static partial class FileSystem
{
    /// <summary>
    /// Makes <paramref name="path"/> hold <paramref name="content"/> (UTF-8, no byte order mark); see
    /// <see cref="WriteBytes"/>.
    /// </summary>
    public static FileChange WriteText(string path, string content, UnixFileMode? mode = null, string? owner = null, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return WriteBytes(path, Utf8.GetBytes(content), mode, owner, group);
    }

    /// <summary>
    /// Makes <paramref name="path"/> hold <paramref name="content"/>, atomically: different content is written to a
    /// temp file in the same directory, fsynced and renamed over the file, so readers never see half a file. Content
    /// that is already there is not rewritten; only a differing mode or owner is corrected. A symlink at
    /// <paramref name="path"/> is followed (its target is written). A replaced file keeps its mode and owner unless
    /// given; a new one gets rw-r--r-- and the agent's user.
    /// </summary>
    /// <param name="path">The file; its directory must exist.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="mode">Permissions, e.g. <c>UnixFileMode.UserRead | UnixFileMode.UserWrite</c>; null keeps or defaults them.</param>
    /// <param name="owner">User name or uid; null keeps it.</param>
    /// <param name="group">Group name or gid; null keeps it.</param>
    /// <returns>Whether content, mode or owner changed.</returns>
    /// <exception cref="ArgumentException">An unknown owner or group.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static FileChange WriteBytes(string path, byte[] content, UnixFileMode? mode = null, string? owner = null, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var settings = FileSettings.Resolve(mode, owner, group);
        return new FileChange(path, AtomicFile.Write(FollowLinks(path), content, settings));
    }

    /// <summary>
    /// Makes sure <paramref name="path"/> is a directory, creating missing parents; a given mode and owner apply to
    /// <paramref name="path"/> itself.
    /// </summary>
    /// <exception cref="IOException">The path exists and is not a directory.</exception>
    public static FileChange MakeDirectory(string path, UnixFileMode? mode = null, string? owner = null, string? group = null)
    {
        var settings = FileSettings.Resolve(mode, owner, group);
        var created = false;
        var status = NativeFile.TryStat(path, followSymlinks: true);
        if (status is null)
        {
            Directory.CreateDirectory(path);
            created = true;
            status = NativeFile.TryStat(path, followSymlinks: true);
        }

        if (status is not { IsDirectory: true } directory)
        {
            throw new IOException($"'{path}' exists and is not a directory.");
        }

        return new FileChange(path, settings.ApplyTo(FollowLinks(path), directory) | created);
    }

    /// <summary>
    /// Makes sure <paramref name="path"/> does not exist. A symlink is removed itself, never its target.
    /// </summary>
    /// <param name="path">A file, symlink or directory.</param>
    /// <param name="recursive">Remove a non-empty directory with everything in it.</param>
    /// <exception cref="IOException">A non-empty directory and <paramref name="recursive"/> is false.</exception>
    public static FileChange Remove(string path, bool recursive = false)
    {
        switch (NativeFile.TryStat(path))
        {
            case null:
                return new FileChange(path, false);
            case { IsDirectory: true }:
                Directory.Delete(path, recursive);
                break;
            default:
                File.Delete(path);
                break;
        }

        return new FileChange(path, true);
    }

    /// <summary>The path with symlinks at its end resolved to their final target (which may not exist yet).</summary>
    private static string FollowLinks(string path) =>
        NativeFile.TryStat(path) is { IsSymbolicLink: true } && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target
            ? target.FullName
            : path;
}
