using System.Formats.Tar;
using System.Runtime.CompilerServices;
using Rmote.Protocol.Files;

namespace Rmote.Tools;

// Sending: a file or a directory (as tar) as a stream of 64 KiB chunks; the host's credit paces the reads.
public static partial class Transfer
{
    /// <summary>The content of the file <paramref name="path"/> in chunks of <see cref="ChunkSize"/> bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<byte[]> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var file = FileHash.OpenRead(path);
        while (true)
        {
            var chunk = new byte[ChunkSize];
            var read = await file.ReadAtLeastAsync(chunk, ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == ChunkSize)
            {
                yield return chunk;
                continue;
            }

            if (read > 0) yield return chunk[..read];
            yield break;
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
