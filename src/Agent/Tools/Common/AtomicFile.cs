using System.Buffers;
using Rmote.Tools.Interop;

namespace Rmote.Tools.Common;

/// <summary>
/// Idempotent, atomic file writes: identical content is never rewritten (only mode and owner are brought in line),
/// different content goes to a temp file in the same directory which is written, given its owner and mode, fsynced
/// and renamed over the target, then the directory is fsynced. Readers see the old or the new file, never a mix;
/// a crash leaves at most a stray <c>.name.*.rmote-tmp</c>. Replacing a file keeps its owner and mode unless told
/// otherwise; a new file gets <see cref="DefaultMode"/>.
/// </summary>
internal static class AtomicFile
{
    /// <summary>rw-r--r--.</summary>
    public const UnixFileMode DefaultMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int CompareChunk = 64 * 1024;

    /// <summary>Makes <paramref name="path"/> hold <paramref name="content"/> with <paramref name="settings"/>; returns whether anything changed.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">The bytes it must hold.</param>
    /// <param name="settings">Mode and owner it must have.</param>
    /// <param name="validate">
    /// Called with the finished temp file before it replaces <paramref name="path"/> (e.g. <c>visudo -c -f</c>); an
    /// exception leaves <paramref name="path"/> as it was.
    /// </param>
    /// <exception cref="IOException"><paramref name="path"/> exists and is not a regular file (a directory, a symlink, ...).</exception>
    public static bool Write(string path, ReadOnlySpan<byte> content, FileSettings settings = default, Action<string>? validate = null)
    {
        var current = NativeFile.TryStat(path);
        if (current is { } existing)
        {
            if (!existing.IsRegularFile)
            {
                throw new IOException($"'{path}' exists and is not a regular file; refusing to replace it.");
            }

            if (existing.Size == content.Length && HasContent(path, content))
            {
                return settings.ApplyTo(path, existing);
            }
        }

        Replace(Path.GetFullPath(path), content, settings, current, validate);
        return true;
    }

    /// <summary>Removes <paramref name="path"/> — a file, or a symlink itself — if it exists; returns whether it did.</summary>
    public static bool Delete(string path)
    {
        if (NativeFile.TryStat(path) is null)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private static void Replace(string path, ReadOnlySpan<byte> content, FileSettings settings, NativeStatus? existing, Action<string>? validate)
    {
        var directory = Path.GetDirectoryName(path)!;
        // A leading dot and an inner dot: hidden, and ignored by include-directories such as sudoers.d and apt's.
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.rmote-tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,   // O_EXCL: never opens something that is already there, symlink or not
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                var uid = settings.Uid ?? existing?.Uid ?? -1;
                var gid = settings.Gid ?? existing?.Gid ?? -1;
                if (uid != -1 || gid != -1)
                {
                    NativeFile.FChown(stream.SafeFileHandle, temp, uid, gid);
                }

                File.SetUnixFileMode(stream.SafeFileHandle, settings.Mode ?? existing?.Mode ?? DefaultMode);
                stream.Flush(flushToDisk: true);
            }

            validate?.Invoke(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        NativeFile.SyncDirectory(directory);
    }

    // Cleanup must not hide why the write failed.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static bool HasContent(string path, ReadOnlySpan<byte> content)
    {
        using var file = File.OpenHandle(path);
        var buffer = ArrayPool<byte>.Shared.Rent(CompareChunk);
        try
        {
            long offset = 0;
            while (offset < content.Length)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(CompareChunk, content.Length - offset)), offset);
                if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(content.Slice((int)offset, read)))
                {
                    return false;
                }

                offset += read;
            }

            return RandomAccess.GetLength(file) == content.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
