using System.Security.Cryptography;
using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

// Receiving: the host's chunks (ToolInput) go into a temp file beside the target, hashed on the way; only a complete,
// verified file replaces the target (rename), with the mode and owner asked for or else those of the file it replaces.
public static partial class Transfer
{
    /// <summary>
    /// Receives a file from the host (the call's input) into <paramref name="path"/>, replacing it atomically.
    /// <paramref name="size"/> (−1: unknown) and <paramref name="sha256"/> (null: not known) are verified before the
    /// replace. Mode and owner: those given, else the replaced file's, else 0644 and the agent's user. With
    /// <paramref name="durable"/> the file and then its directory are flushed to disk around the rename.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes received do not have the announced size or hash.</exception>
    /// <exception cref="IOException">The target exists and is not a regular file.</exception>
    public static async Task<TransferReceipt> ReceiveFileAsync(string path, long size, string? sha256, UnixFileMode? mode, string? owner, string? group,
        bool durable, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var existing = NativeFile.TryStat(full);
        if (existing is { IsRegularFile: false }) throw new IOException($"'{full}' exists and is not a regular file; refusing to replace it.");
        var settings = FileSettings.Resolve(mode, owner, group);
        var temp = TempBeside(full);
        try
        {
            long received = 0;
            string digest;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,   // O_EXCL: never opens something that is already there
                Access = FileAccess.Write,
                BufferSize = 0,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                PreallocationSize = Math.Max(0, size),
            }))
            {
                await foreach (var chunk in ToolInput.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    hash.AppendData(chunk.Span);
                    await file.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    received += chunk.Length;
                }

                digest = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (size >= 0 && received != size) throw new InvalidDataException($"Received {received} bytes for '{full}', expected {size}.");
                if (sha256 is not null && !string.Equals(digest, sha256, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidDataException($"The bytes received for '{full}' have SHA-256 {digest}, expected {sha256}.");
                var uid = settings.Uid ?? existing?.Uid ?? -1;
                var gid = settings.Gid ?? existing?.Gid ?? -1;
                if (uid != -1 || gid != -1) NativeFile.FChown(file.SafeFileHandle, temp, uid, gid);
                File.SetUnixFileMode(file.SafeFileHandle, settings.Mode ?? existing?.Mode ?? AtomicFile.DefaultMode);
                if (durable) file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            if (durable) NativeFile.SyncDirectory(Path.GetDirectoryName(full)!);
            return new TransferReceipt(true, received, digest);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Receives a tar stream from the host and extracts it into the directory <paramref name="path"/> (created if
    /// needed) with the built-in extractor: nothing lands outside it — absolute names and <c>..</c> refuse the whole
    /// archive, links are skipped. The tar is spooled to a temp file first, so a cancelled or broken transfer extracts
    /// nothing; existing files not in the archive stay.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry would land outside the destination, or the archive is damaged.</exception>
    public static async Task<TransferReceipt> ReceiveDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temp = TempBeside(full);
        try
        {
            long received = 0;
            await using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                BufferSize = 0,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                await foreach (var chunk in ToolInput.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    await file.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    received += chunk.Length;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            ArchiveExtractor.Extract(temp, full);
            return new TransferReceipt(true, received, "");
        }
        finally
        {
            TryDelete(temp);
        }
    }
}
