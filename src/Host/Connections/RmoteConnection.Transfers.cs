using System.Diagnostics;
using System.Linq.Expressions;
using System.Security.Cryptography;
using Rmote.Actors.Invocation;
using Rmote.Tools;
using Rmote.Transfers;

namespace Rmote;

public sealed partial class RmoteConnection
{
    /// <summary>
    /// Copies the file or directory <paramref name="localPath"/> to <paramref name="remotePath"/> on the agent. A file
    /// is hashed first and skipped when the destination has the same SHA-256 (<see cref="TransferResult.Changed"/>
    /// false; mode and owner are still brought in line); otherwise it is streamed in 64 KiB chunks under end-to-end
    /// flow control (constant memory on both sides, whatever the size) into a temp file that replaces the destination
    /// atomically once complete and verified. A directory travels as a tar stream extracted safely into the
    /// destination (no <c>..</c>, no absolute paths, links skipped). Cancelling leaves no partial file behind.
    /// </summary>
    /// <exception cref="FileNotFoundException"><paramref name="localPath"/> does not exist.</exception>
    /// <exception cref="IOException">The destination exists and is not a regular file (remote exceptions keep their type).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing was replaced.</exception>
    /// <exception cref="ConnectionLostException">The agent went away; nothing was replaced.</exception>
    public async Task<TransferResult> UploadAsync(string localPath, string remotePath, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        ArgumentNullException.ThrowIfNull(remotePath);
        options ??= TransferOptions.Default;
        if (Directory.Exists(localPath)) return await UploadDirectoryAsync(localPath, remotePath, options, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(localPath)) throw new FileNotFoundException($"'{localPath}' does not exist.", localPath);

        var started = Stopwatch.GetTimestamp();
        await using var source = LocalFiles.OpenRead(localPath);
        var length = source.Length;
        string? sha256 = null;
        if (!options.Force)
        {
            // The local hash runs alongside the remote digest, so an unchanged file costs the time of one hash, not two;
            // when the remote file is missing or has another size the hash is not needed at all (and stopped).
            await using var hash = new BackgroundHash(localPath, cancellationToken);
            var remote = await DigestAsync(remotePath, cancellationToken).ConfigureAwait(false);
            if (remote is { Kind: FileType.RegularFile } && remote.Size == length)
            {
                sha256 = await hash.Result.ConfigureAwait(false);
                if (await TrySkipAsync(remote, sha256, remotePath, options, started, cancellationToken).ConfigureAwait(false) is { } skipped) return skipped;
            }
        }

        // Forced or changed: sent as read, verified by length (and by the hash when it was computed anyway).
        return await SendAsync(source, remotePath, options with { Sha256 = sha256, Length = length }, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies what <paramref name="source"/> reads (read once, from where it is to its end) to the file
    /// <paramref name="remotePath"/>, as <see cref="UploadAsync(string, string, TransferOptions?, CancellationToken)"/>
    /// does. With <see cref="TransferOptions.Sha256"/> an unchanged destination is skipped without reading the source,
    /// and the agent verifies the bytes it received against it (and <see cref="TransferOptions.Length"/>) before
    /// replacing the destination — so a caller copying one file to many hosts hashes it once.
    /// </summary>
    /// <inheritdoc cref="UploadAsync(string, string, TransferOptions?, CancellationToken)" path="/exception"/>
    public async Task<TransferResult> UploadAsync(Stream source, string remotePath, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(remotePath);
        options ??= TransferOptions.Default;
        var started = Stopwatch.GetTimestamp();
        if (!options.Force && options.Sha256 is { } sha256)
        {
            var remote = await DigestAsync(remotePath, cancellationToken).ConfigureAwait(false);
            if ((options.Length is not { } length || length == remote?.Size)
                && await TrySkipAsync(remote, sha256, remotePath, options, started, cancellationToken).ConfigureAwait(false) is { } skipped) return skipped;
        }
        return await SendAsync(source, remotePath, options, started, cancellationToken).ConfigureAwait(false);
    }

    private Task<FileDigest?> DigestAsync(string remotePath, CancellationToken cancellationToken) =>
        CallAsync(() => Transfer.DigestAsync(remotePath, CancellationToken.None), Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>The result of an upload skipped because <paramref name="remote"/> has <paramref name="sha256"/>; null when it differs.</summary>
    private async Task<TransferResult?> TrySkipAsync(FileDigest? remote, string? sha256, string remotePath, TransferOptions options, long started,
        CancellationToken cancellationToken)
    {
        if (remote is not { Kind: FileType.RegularFile } || !string.Equals(remote.Sha256, sha256, StringComparison.OrdinalIgnoreCase)) return null;
        var (mode, owner, group) = (options.Mode, options.Owner, options.Group);
        var settled = (mode ?? (object?)owner ?? group) is not null
            && await CallAsync(() => Transfer.ApplySettings(remotePath, mode, owner, group), cancellationToken).ConfigureAwait(false);
        options.Progress?.Report(new TransferProgress(remote.Size, remote.Size, 0));
        return new TransferResult(remotePath, settled, 0, remote.Sha256, Stopwatch.GetElapsedTime(started));
    }

    private async Task<TransferResult> SendAsync(Stream source, string remotePath, TransferOptions options, long started, CancellationToken cancellationToken)
    {
        var (mode, owner, group, sha256) = (options.Mode, options.Owner, options.Group, options.Sha256);
        var size = options.Length ?? -1;
        var durable = options.Durable;
        var receipt = await SendInputAsync(() => Transfer.ReceiveFileAsync(remotePath, size, sha256, mode, owner, group, durable, CancellationToken.None),
            source, options, cancellationToken).ConfigureAwait(false);
        return new TransferResult(remotePath, receipt.Changed, receipt.Bytes, receipt.Sha256, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Copies the file or directory <paramref name="remotePath"/> on the agent to <paramref name="localPath"/>: the
    /// mirror of <see cref="UploadAsync(string, string, TransferOptions?, CancellationToken)"/> — skipped when the local
    /// file has the same SHA-256, streamed with constant memory into a temp file that atomically replaces the local
    /// file once its hash is verified (mode: <see cref="TransferOptions.Mode"/>, else the remote file's), a directory
    /// as a tar stream extracted safely. Cancelling leaves no partial file behind.
    /// </summary>
    /// <exception cref="FileNotFoundException"><paramref name="remotePath"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">The remote file changed while it was copied; the local file was not replaced.</exception>
    /// <inheritdoc cref="UploadAsync(string, string, TransferOptions?, CancellationToken)" path="/exception"/>
    public async Task<TransferResult> DownloadAsync(string remotePath, string localPath, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remotePath);
        ArgumentNullException.ThrowIfNull(localPath);
        options ??= TransferOptions.Default;
        var started = Stopwatch.GetTimestamp();
        var full = Path.GetFullPath(localPath);
        // Unless forced, the local hash runs alongside the remote digest: an unchanged file costs the time of one hash.
        // Forced, the remote file is not hashed first: the copy is checked by its length instead of its hash.
        await using var local = options.Force ? null : new BackgroundHash(full, cancellationToken);
        var remote = (options.Force
                ? await CallAsync(() => Transfer.Describe(remotePath), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
                : await DigestAsync(remotePath, cancellationToken).ConfigureAwait(false))
            ?? throw new FileNotFoundException($"'{remotePath}' does not exist on {Target}.", remotePath);
        if (remote.Kind == FileType.Directory)
        {
            var bytes = await DownloadDirectoryAsync(remotePath, full, options, cancellationToken).ConfigureAwait(false);
            return new TransferResult(full, true, bytes, "", Stopwatch.GetElapsedTime(started));
        }

        var mode = options.Mode ?? remote.Mode;
        if (local is not null && await local.Result.ConfigureAwait(false) == remote.Sha256)
        {
            var settled = LocalFiles.EnsureMode(full, mode);
            options.Progress?.Report(new TransferProgress(remote.Size, remote.Size, 0));
            return new TransferResult(full, settled, 0, remote.Sha256, Stopwatch.GetElapsedTime(started));
        }

        var meter = new ProgressMeter(options.Progress, remote.Size);
        var (temp, file) = LocalFiles.CreateTempBeside(full, remote.Size);
        string digest;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (file)
            {
                await foreach (var chunk in StreamChunksAsync(() => Transfer.ReadFileAsync(remotePath, CancellationToken.None), TransferWindow, cancellationToken).ConfigureAwait(false))
                {
                    hash.AppendData(chunk.Span);
                    await file.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    meter.Add(chunk.Length);
                }
                digest = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (remote.Sha256.Length > 0 ? digest != remote.Sha256 : meter.Bytes != remote.Size)
                    throw new InvalidDataException($"'{remotePath}' on {Target} changed while it was copied (SHA-256 {digest}, {meter.Bytes} bytes; expected {remote.Sha256} {remote.Size}).");
                LocalFiles.SetMode(file, mode);
                if (options.Durable) file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            LocalFiles.TryDelete(temp);
            throw;
        }
        meter.Complete();
        return new TransferResult(full, true, meter.Bytes, digest, Stopwatch.GetElapsedTime(started));
    }

    // 128 chunks of 64 KiB: 8 MiB in flight, enough to keep the pipe busy while the consumer writes.
    private const int TransferWindow = 128;

    private async Task<TransferResult> UploadDirectoryAsync(string localPath, string remotePath, TransferOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var tar = new DirectoryTarStream(localPath);
        var receipt = await UploadTarAsync(tar, remotePath, options, cancellationToken).ConfigureAwait(false);
        return new TransferResult(remotePath, receipt.Changed, receipt.Bytes, "", Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Sends the tar stream <paramref name="tar"/> to be extracted into the directory <paramref name="remotePath"/>.</summary>
    internal Task<TransferReceipt> UploadTarAsync(Stream tar, string remotePath, TransferOptions options, CancellationToken cancellationToken) =>
        SendInputAsync(() => Transfer.ReceiveDirectoryAsync(remotePath, CancellationToken.None), tar, options, cancellationToken);

    private async Task<long> DownloadDirectoryAsync(string remotePath, string localPath, TransferOptions options, CancellationToken cancellationToken)
    {
        var meter = new ProgressMeter(options.Progress, null);
        var (temp, file) = LocalFiles.CreateTempBeside(localPath, 0);
        try
        {
            await using (file)
            {
                await foreach (var chunk in StreamChunksAsync(() => Transfer.ReadDirectoryAsync(remotePath, CancellationToken.None), TransferWindow, cancellationToken).ConfigureAwait(false))
                {
                    await file.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    meter.Add(chunk.Length);
                }
            }
            // The built-in tools' extractor, run here: nothing lands outside localPath, links are skipped.
            FileSystem.ExtractArchive(temp, localPath);
        }
        finally
        {
            LocalFiles.TryDelete(temp);
        }
        meter.Complete();
        return meter.Bytes;
    }

    private async Task<TransferReceipt> SendInputAsync(Expression<Func<Task<TransferReceipt>>> call, Stream source, TransferOptions options, CancellationToken cancellationToken)
    {
        var (method, arguments) = ToolCallParser.Parse(call);
        var meter = new ProgressMeter(options.Progress, options.Length);
        var link = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        var receipt = (TransferReceipt)(await link.InvokeWithInputAsync(method, method.EncodeArguments(arguments), source, LocalFiles.ChunkSize, meter.Add, null, cancellationToken).ConfigureAwait(false))!;
        meter.Complete();
        return receipt;
    }
}
