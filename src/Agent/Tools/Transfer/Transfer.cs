using Rmote.Protocol.Files;
using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

/// <summary>
/// File transfer, the agent's half of <c>RmoteConnection.UploadAsync</c> / <c>DownloadAsync</c>: a digest to skip
/// unchanged files, receiving a file or a tar stream of a directory from the host (<see cref="ToolInput"/>, flow
/// controlled) into a temp file that replaces the target atomically, and sending a file or directory as a stream of
/// chunks. Cancellation (or the connection ending) removes the temp file: a target is either the old or the new one.
/// </summary>
[Tool]
public static partial class Transfer
{
    /// <summary>Chunk size of what the agent sends: 64 KiB (below the large object heap, so chunks are cheap garbage).</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// The kind, size, SHA-256 and mode of <paramref name="path"/> (symlinks followed), or <see langword="null"/> when
    /// nothing is there.
    /// </summary>
    /// <exception cref="IOException">The path is neither a regular file nor a directory.</exception>
    public static async Task<FileDigest?> DigestAsync(string path, CancellationToken cancellationToken)
    {
        var found = Describe(path);
        if (found is not { Kind: FileType.RegularFile }) return found;
        return found with { Sha256 = await FileHash.Sha256Async(path, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>
    /// <see cref="DigestAsync"/> without the hash (<see cref="FileDigest.Sha256"/> empty): what a forced download needs
    /// to know before it starts.
    /// </summary>
    /// <exception cref="IOException">The path is neither a regular file nor a directory.</exception>
    public static FileDigest? Describe(string path)
    {
        if (NativeFile.TryStat(path, followSymlinks: true) is not { } status) return null;
        if (status.IsDirectory) return new FileDigest(FileType.Directory, 0, "", status.Mode);
        if (!status.IsRegularFile) throw new IOException($"'{path}' is neither a regular file nor a directory.");
        return new FileDigest(FileType.RegularFile, status.Size, "", status.Mode);
    }

    /// <summary>
    /// Brings an existing file to <paramref name="mode"/>, <paramref name="owner"/> and <paramref name="group"/> (null:
    /// leave as is); returns whether anything changed. Used when the content is unchanged.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static bool ApplySettings(string path, UnixFileMode? mode, string? owner, string? group)
    {
        var status = NativeFile.TryStat(path, followSymlinks: true) ?? throw new FileNotFoundException($"'{path}' does not exist.", path);
        return FileSettings.Resolve(mode, owner, group).ApplyTo(path, status);
    }

    /// <summary>A hidden temp file beside <paramref name="path"/> (same file system, so the final rename is atomic).</summary>
    private static string TempBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.rmote-tmp");

    // Cleanup must not hide why the transfer failed.
    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
        }
    }
}
