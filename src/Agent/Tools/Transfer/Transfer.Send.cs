using System.Formats.Tar;
using System.Runtime.CompilerServices;
using Rmote.Protocol.Files;
using Rmote.Protocol.Framing;

namespace Rmote.Tools;

// Sending: a file or a directory (as tar) as a stream of 64 KiB chunks; the host's credit paces the reads.
public static partial class Transfer
{
    /// <summary>The content of the file <paramref name="path"/> in chunks of <see cref="ChunkSize"/> bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<byte[]> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Served by the agent, each full chunk is a pooled array handed over to it (ToolCall.PooledItem): the agent
        // returns it once the chunk is written, so a download allocates nothing per chunk. Called directly (a test),
        // the chunks are plain arrays the caller keeps.
        var call = ToolContext.Current;
        await using var file = FileHash.OpenRead(path);
        while (true)
        {
            var chunk = call is null ? new byte[ChunkSize] : PayloadPool.Arrays.Rent(ChunkSize);
            var read = await file.ReadAtLeastAsync(chunk.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == ChunkSize && chunk.Length == ChunkSize)
            {
                if (call is not null) call.PooledItem = chunk;
                yield return chunk;   // not touched again: from here on it is the agent's
                continue;
            }

            var last = chunk[..read];
            if (call is not null) PayloadPool.Arrays.Return(chunk);
            if (read > 0) yield return last;
            if (read < ChunkSize) yield break;
        }
    }

    /// <summary>
    /// The directory <paramref name="path"/> as a tar stream (entries relative to it; symbolic links as link entries,
    /// which the receiving extractor skips), in chunks of <see cref="ChunkSize"/> bytes. The tar is spooled to a temp
    /// file, removed when the stream ends or is cancelled.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static async IAsyncEnumerable<byte[]> ReadDirectoryAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"'{path}' is not a directory.");
        var temp = Path.Combine(Path.GetTempPath(), $".rmote-{Guid.NewGuid():N}.tar");
        try
        {
            await TarFile.CreateFromDirectoryAsync(path, temp, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
            await foreach (var chunk in ReadFileAsync(temp, cancellationToken).ConfigureAwait(false)) yield return chunk;
        }
        finally
        {
            TryDelete(temp);
        }
    }
}
