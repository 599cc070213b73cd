using System.Runtime.CompilerServices;
using Rmote.Tools.Common;

namespace Rmote.Tools;

// tail -n N -F, as a streaming tool.
public static partial class FileSystem
{
    /// <summary>
    /// How often a followed file is looked at once it has been read to its end. A poll, not inotify
    /// (FileSystemWatcher): each watcher is an inotify instance, of which a user has 128 by default
    /// (<c>fs.inotify.max_user_instances</c>), inotify sees nothing of NFS or FUSE writers on other machines, and a
    /// watcher cannot be set up on a directory that does not exist yet. Idle, one poll is two <c>statx</c> calls; a
    /// file that is being written is read without waiting.
    /// </summary>
    internal static readonly TimeSpan TailPollInterval = TimeSpan.FromMilliseconds(200);

    private const int TailReadBlock = 64 * 1024;

    /// <summary>
    /// <c>tail -n <paramref name="lines"/> -F</c>: the last <paramref name="lines"/> lines of <paramref name="path"/>,
    /// then, with <paramref name="follow"/>, every line appended to it, until the call is cancelled (the host leaving
    /// its <c>await foreach</c>). Call it with <c>StreamAsync</c>.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>The last lines are found by reading backwards from the end (at most <paramref name="lines"/> × 1 MiB),
    /// never the whole file.</item>
    /// <item>Lines are UTF-8 without their line break (<c>\n</c> or <c>\r\n</c>); invalid bytes become U+FFFD. A
    /// line longer than 1 MiB is split into items of at most 1 MiB, cut at a character boundary.</item>
    /// <item>Following, a partial last line (no newline yet) is held until its newline is written. Without
    /// <paramref name="follow"/> it is the last item.</item>
    /// <item>Truncation (the file shrinks) starts again from its beginning; rotation (the path names another file)
    /// reads the old file to its end, then the new one from its beginning. A held partial line is yielded first.</item>
    /// <item>Following, a path that does not exist yet (or not any more, after a rotation) is waited for; a file that
    /// appears is read from its beginning.</item>
    /// <item>The file is polled every 200 ms once it has been read to its end.</item>
    /// </list>
    /// </remarks>
    /// <param name="path">The file (a symlink is followed, as the name is: tail -F).</param>
    /// <param name="lines">How many lines from the end to start with (0: only what is appended from now on).</param>
    /// <param name="follow">Keep reading what is appended, until cancelled; otherwise end at the end of the file.</param>
    /// <param name="cancellationToken">Ends the tail (given by the agent: the call's token).</param>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="follow"/> is false.</exception>
    /// <exception cref="IOException">The path is not a regular file (a directory, a FIFO, a device).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lines"/> is negative.</exception>
    public static async IAsyncEnumerable<string> TailAsync(
        string path, int lines = 10, bool follow = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var splitter = new LineSplitter();
        var buffer = new byte[TailReadBlock];
        var file = TailedFile.TryOpen(path);
        try
        {
            if (file is null && !follow) throw new FileNotFoundException($"Cannot tail '{path}': it does not exist.", path);
            file?.SeekToLastLines(lines, splitter.MaxLineBytes);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (file is not null)
                {
                    // Everything there is now, line by line, as fast as the host takes it.
                    foreach (var line in file.ReadLines(splitter, buffer)) yield return line;

                    if (!follow)
                    {
                        if (splitter.TryFlush(out var last)) yield return last;
                        yield break;
                    }
                }

                await Task.Delay(TailPollInterval, cancellationToken).ConfigureAwait(false);
                if (file is null)
                {
                    file = TailedFile.TryOpen(path);   // appeared: from its beginning, as tail -F does
                }
                else if (file.IsTruncated())
                {
                    if (splitter.TryFlush(out var partial)) yield return partial;
                    file.Position = 0;
                }
                else if (file.IsReplaced())
                {
                    // Rotated: what was written to the old file before the new one appeared comes first.
                    foreach (var line in file.ReadLines(splitter, buffer)) yield return line;

                    if (splitter.TryFlush(out var partial)) yield return partial;
                    file.Dispose();
                    file = TailedFile.TryOpen(path);
                }
            }
        }
        finally
        {
            file?.Dispose();
        }
    }
}
