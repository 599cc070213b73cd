using Rmote.Protocol.Files;

namespace Rmote.Transfers;

/// <summary>The host's side of transfers on its own disk: hashing, temp files beside the target.</summary>
internal static class LocalFiles
{
    /// <summary>Chunk size of uploads (below the large object heap, so chunks are cheap garbage).</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Opens <paramref name="path"/> for one sequential read, unbuffered (the reads are chunk-sized).</summary>
    public static FileStream OpenRead(string path) => FileHash.OpenRead(path);

    /// <summary>Creates a new, private temp file beside <paramref name="path"/> (same file system: the rename is atomic).</summary>
    public static (string Path, FileStream Stream) CreateTempBeside(string path, long size)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.rmote-tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,   // O_EXCL: never opens something that is already there
            Access = FileAccess.Write,
            BufferSize = 0,
            PreallocationSize = Math.Max(0, size),
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return (temp, new FileStream(temp, options));
    }

    /// <summary>Sets the mode of an open file (not on Windows, which has no modes).</summary>
    public static void SetMode(FileStream file, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, mode);
    }

    /// <summary>Gives <paramref name="path"/> <paramref name="mode"/>; returns whether it had another one.</summary>
    public static bool EnsureMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == mode) return false;
        File.SetUnixFileMode(path, mode);
        return true;
    }

    /// <summary>The SHA-256 of the file <paramref name="path"/>, lower-case hex; <see langword="null"/> when it is not a file.</summary>
    public static async Task<string?> TryHashAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return null;
        return await FileHash.Sha256Async(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes <paramref name="path"/> if it is there; cleanup never hides why a transfer failed.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
        }
    }
}
