using Microsoft.Win32.SafeHandles;
using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

/// <summary>
/// One open file followed by <see cref="FileSystem.TailAsync"/>: where the next read starts, and which file (device
/// and inode) the descriptor names, so that the tail can tell its path was given to another file (rotation) or the
/// file shrank under it (truncation).
/// </summary>
internal sealed class TailedFile : IDisposable
{
    private const int BackwardBlock = 64 * 1024;

    private readonly SafeFileHandle handle;
    private readonly NativeStatus opened;

    private TailedFile(string path, SafeFileHandle handle)
    {
        Path = path;
        this.handle = handle;
        opened = NativeFile.Stat(handle, path);
    }

    /// <summary>The path the file was opened by.</summary>
    public string Path { get; }

    /// <summary>The offset of the next read.</summary>
    public long Position { get; set; }

    /// <summary>
    /// Opens <paramref name="path"/> (a symlink is followed), or returns null when nothing is there. Only regular files
    /// are tailed: opening a FIFO would block until a writer comes, and no token can interrupt that.
    /// </summary>
    /// <exception cref="IOException">The path is not a regular file.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static TailedFile? TryOpen(string path)
    {
        if (NativeFile.TryStat(path, followSymlinks: true) is not { } status) return null;
        if (!status.IsRegularFile) throw new IOException($"Cannot tail '{path}': it is not a regular file.");
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;   // removed between the stat and the open
        }

        try
        {
            return new TailedFile(path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves <see cref="Position"/> to the start of the last <paramref name="lines"/> lines, reading backwards from the
    /// end in blocks: at most <paramref name="lines"/> × <paramref name="maxLineBytes"/> bytes are read, so a huge file
    /// (or one without newlines) costs what the lines cost, not what the file does. When the bound is reached first, the
    /// tail starts there, in the middle of a line that is longer than a line may be anyway.
    /// </summary>
    public void SeekToLastLines(int lines, int maxLineBytes)
    {
        var length = RandomAccess.GetLength(handle);
        Position = length;
        if (lines == 0 || length == 0) return;
        var limit = Math.Max(0, length - (lines * (long)maxLineBytes));
        var buffer = new byte[(int)Math.Min(BackwardBlock, length)];
        var end = length;
        var found = 0;
        var first = true;
        while (end > limit)
        {
            var start = Math.Max(limit, end - buffer.Length);
            var block = buffer.AsSpan(0, ReadExactly(buffer.AsSpan(0, (int)(end - start)), start));
            if (first && block.Length > 0 && block[^1] == (byte)'\n')
            {
                block = block[..^1];   // the newline that ends the last line does not start one
            }

            first = false;
            for (var at = block.LastIndexOf((byte)'\n'); at >= 0; at = block.LastIndexOf((byte)'\n'))
            {
                if (++found == lines)
                {
                    Position = start + at + 1;
                    return;
                }

                block = block[..at];
            }

            end = start;
        }

        Position = limit;
    }

    /// <summary>
    /// The lines from <see cref="Position"/> to the end of the file, read <paramref name="buffer"/> at a time as they are
    /// taken; a partial last line stays in <paramref name="splitter"/>.
    /// </summary>
    public IEnumerable<string> ReadLines(LineSplitter splitter, byte[] buffer)
    {
        for (var read = Read(buffer); read > 0; read = Read(buffer))
        {
            splitter.Feed(buffer.AsMemory(0, read));
            while (splitter.TryTake(out var line)) yield return line;
        }
    }

    private int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(handle, buffer, Position);
        Position += read;
        return read;
    }

    /// <summary>The file shrank below the read position (truncated in place, as by <c>: &gt; log</c> or copytruncate).</summary>
    public bool IsTruncated() => RandomAccess.GetLength(handle) < Position;

    /// <summary>Whether <see cref="Path"/> now names another file (rotated: renamed away and created again); a path with nothing behind it does not (yet).</summary>
    public bool IsReplaced() =>
        NativeFile.TryStat(Path, followSymlinks: true) is { } now && (now.Inode != opened.Inode || now.Device != opened.Device);

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();

    // A file that shrank while we read backwards reads short: what was read is what there is.
    private int ReadExactly(Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0) break;
            total += read;
        }

        return total;
    }
}
