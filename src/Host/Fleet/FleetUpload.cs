using Microsoft.Extensions.Logging;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Files;
using Rmote.Tools;
using Rmote.Transfers;

namespace Rmote.Fleet;

/// <summary>
/// A file copied to many hosts (<see cref="FleetCallTarget.UploadAsync(string, string, TransferOptions?, CancellationToken)"/>,
/// <c>rmote copy</c>), in two steps through the fleet actor, each host's result typed as a <see cref="TransferResult"/>:
/// first each host's digest of the destination, while the file is hashed here once; then the hosts whose copy differs
/// get it — read from disk once for all the hosts that start together (<see cref="SharedSource"/>), verified by the
/// agent against the hash and length — and the unchanged ones get only the mode and owner asked for. A host that fails
/// a step fails alone; progress tells each host's start once and its end once.
/// </summary>
internal static class FleetUpload
{
    // Chunks of the shared read kept for the slowest host: 4 MiB, whatever the number of hosts.
    private const int Window = 64;

    public static async Task<FleetResult<HostResult<TransferResult>>> RunAsync(RmoteFleet fleet, IReadOnlyList<FleetHost> selected,
        string localPath, string remotePath, TransferOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var size = CheckSource(localPath);
        if (fleet.InCluster) return await WriteThroughClusterAsync(fleet, selected, localPath, remotePath, options, size, timeout, cancellationToken).ConfigureAwait(false);
        if (size is not { } length) return await CopyDirectoryAsync(fleet, selected, localPath, remotePath, options, timeout, cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, HostResult<TransferResult>>(StringComparer.Ordinal);
        var elapsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        // 1. What each host has. Forced, only whether it can take a file there (and every host connects meanwhile).
        var look = options.Force
            ? ToolCall.Create(() => Transfer.Describe(remotePath))
            : ToolCall.Create(() => Transfer.DigestAsync(remotePath, CancellationToken.None));
        FleetResult<HostResult<FileDigest?>> found;
        string? sha256 = null;
        await using (var hash = options.Force ? null : new BackgroundHash(localPath, cancellationToken))
        {
            found = await fleet.InvokeOnAsync<FileDigest?>(selected, look, timeout, p =>
            {
                if (p.State == HostProgressState.Started) fleet.Report(p);
                else if (p.Result is { Succeeded: false } failed) fleet.Report(p with { Result = Failed(failed) });
            }, null, cancellationToken).ConfigureAwait(false);
            // As with one connection: the hash is waited for only when a host has a file of the same size to compare it
            // with; otherwise it is stopped and the agents check the copy by its length.
            if (hash is not null && found.Any(h => h.Value is { Kind: FileType.RegularFile } d && d.Size == length))
                sha256 = await hash.Result.ConfigureAwait(false);
        }

        var (settle, send) = (new List<FleetHost>(), new List<FleetHost>());
        foreach (var host in found)
        {
            elapsed[host.Host.Name] = host.Elapsed;
            if (!host.Succeeded) results[host.Host.Name] = Failed(host);
            else if (host.Value is { Kind: FileType.RegularFile } digest && digest.Size == length && sha256 is not null && digest.Sha256 == sha256)
            {
                if ((options.Mode ?? (object?)options.Owner ?? options.Group) is not null) settle.Add(host.Host);
                else Finish(fleet, results, new HostResult<TransferResult>(host.Host, new TransferResult(remotePath, false, 0, sha256, host.Elapsed),
                    host.Elapsed, null, HostFailureKind.None));
            }
            else send.Add(host.Host);
        }

        // 2. The unchanged hosts get their settings, the others the file, at the same time (the throttle is the fleet's).
        var (mode, owner, group, durable) = (options.Mode, options.Owner, options.Group, options.Durable);
        var meter = new ProgressMeter(options.Progress, length * send.Count);
        var source = new SharedSource(() => LocalFiles.OpenRead(localPath), LocalFiles.ChunkSize, Window);
        var settling = StepAsync<bool>(fleet, settle, ToolCall.Create(() => Transfer.ApplySettings(remotePath, mode, owner, group)), timeout, null,
            changed => new TransferResult(remotePath, changed, 0, sha256!, TimeSpan.Zero), h => elapsed[h], cancellationToken);
        var sending = StepAsync<TransferReceipt>(fleet, send,
            ToolCall.Create(() => Transfer.ReceiveFileAsync(remotePath, length, sha256, mode, owner, group, durable, CancellationToken.None)), timeout,
            () => new InvokeInput(source.OpenReader(), LocalFiles.ChunkSize, meter.Add),
            receipt => new TransferResult(remotePath, receipt.Changed, receipt.Bytes, receipt.Sha256, TimeSpan.Zero), h => elapsed[h], cancellationToken);
        foreach (var step in (await Task.WhenAll(settling, sending).ConfigureAwait(false)).SelectMany(r => r)) results[step.Host.Name] = step;
        if (send.Count > 0) meter.Complete();
        var result = new FleetResult<HostResult<TransferResult>>(selected.Select(h => results[h.Name]).ToArray());
        fleet.Logger.LogInformation("Uploaded {Source} to {Destination}: {Changed} of {Hosts} hosts changed, {Failed} failed; the file was read {Passes} time(s) for {Sent} hosts",
            localPath, remotePath, result.Count(r => r.Value?.Changed == true), result.Count, result.Failed.Count, source.Passes, send.Count);
        return result;
    }

    // Through a cluster a stream cannot reach the node holding the connection: a small file travels as the call's argument
    // (Akka.Remote's frames are 128 000 bytes by default), a larger one is refused on every host.
    private static async Task<FleetResult<HostResult<TransferResult>>> WriteThroughClusterAsync(RmoteFleet fleet, IReadOnlyList<FleetHost> selected,
        string localPath, string remotePath, TransferOptions options, long? length, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (length is not { } size || size > MaxClusterBytes)
        {
            var what = length is null ? "a directory" : $"{length} bytes";
            var refused = selected.Select(h => new HostResult<TransferResult>(h, null, TimeSpan.Zero, new NotSupportedException(
                $"'{localPath}' is {what}: through a cluster of controllers a file of at most {MaxClusterBytes} bytes can be uploaded; upload from a fleet that holds its own connections (without --cluster)."),
                HostFailureKind.RemoteException)).ToArray();
            foreach (var host in refused) fleet.Report(new HostProgress(host.Host, HostProgressState.Failed, TimeSpan.Zero, host));
            return new FleetResult<HostResult<TransferResult>>(refused);
        }
        var bytes = await File.ReadAllBytesAsync(localPath, cancellationToken).ConfigureAwait(false);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var (mode, owner, group) = (options.Mode, options.Owner, options.Group);
        return await StepAsync<FileChange>(fleet, selected, ToolCall.Create(() => FileSystem.WriteBytes(remotePath, bytes, mode, owner, group)), timeout,
            null, change => new TransferResult(remotePath, change.Changed, change.Changed ? size : 0, sha256, TimeSpan.Zero), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The largest file uploaded through a cluster (as one call's argument, within Akka.Remote's default frame).</summary>
    internal const int MaxClusterBytes = 100_000;

    // A directory travels as one tar stream, produced once for the hosts that start together and extracted safely by
    // each agent into the destination (merged; not compared first, as with one connection).
    private static async Task<FleetResult<HostResult<TransferResult>>> CopyDirectoryAsync(RmoteFleet fleet, IReadOnlyList<FleetHost> selected,
        string localPath, string remotePath, TransferOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var source = new SharedSource(() => new DirectoryTarStream(localPath), LocalFiles.ChunkSize, Window);
        var meter = new ProgressMeter(options.Progress, null);   // the archive's size is known at its end only
        var result = await StepAsync<TransferReceipt>(fleet, selected, ToolCall.Create(() => Transfer.ReceiveDirectoryAsync(remotePath, CancellationToken.None)),
            timeout, () => new InvokeInput(source.OpenReader(), LocalFiles.ChunkSize, meter.Add),
            receipt => new TransferResult(remotePath, receipt.Changed, receipt.Bytes, "", TimeSpan.Zero), null, cancellationToken).ConfigureAwait(false);
        meter.Complete();
        fleet.Logger.LogInformation("Uploaded the directory {Source} to {Destination} on {Hosts} hosts, {Failed} failed; it was archived {Passes} time(s)",
            localPath, remotePath, result.Count, result.Failed.Count, source.Passes);
        return result;
    }

    /// <summary>The source file's length, <see langword="null"/> for a directory; a pipe or a device is refused (it cannot be hashed, nor read again for a later host).</summary>
    private static long? CheckSource(string localPath)
    {
        try
        {
            // The agent's own look at a path, run here: symlinks followed, the file's type from stat.
            var found = Transfer.Describe(localPath) ?? throw new FileNotFoundException($"'{localPath}' does not exist.", localPath);
            return found.Kind == FileType.Directory ? null : found.Size;
        }
        catch (IOException notAFile) when (notAFile is not FileNotFoundException)
        {
            throw new ArgumentException($"{notAFile.Message} A fleet upload copies a file or a directory (not a pipe or a device).", nameof(localPath), notAFile);
        }
    }

    /// <summary>
    /// One call on <paramref name="hosts"/>, each host's outcome a <see cref="TransferResult"/> (<paramref name="toResult"/>)
    /// and reported as it ends. <paramref name="before"/>: the time each host spent on an earlier step, which also
    /// means its start was reported then.
    /// </summary>
    private static async Task<FleetResult<HostResult<TransferResult>>> StepAsync<T>(RmoteFleet fleet, IReadOnlyList<FleetHost> hosts,
        ToolCall call, TimeSpan? timeout, Func<InvokeInput>? input, Func<T, TransferResult> toResult, Func<string, TimeSpan>? before,
        CancellationToken cancellationToken)
    {
        if (hosts.Count == 0) return new FleetResult<HostResult<TransferResult>>([]);
        HostResult<TransferResult> Total(HostResult<T> step)
        {
            var took = (before?.Invoke(step.Host.Name) ?? TimeSpan.Zero) + step.Elapsed;
            return step.Succeeded
                ? new HostResult<TransferResult>(step.Host, toResult(step.Value!) with { Elapsed = took }, took, null, HostFailureKind.None)
                : new HostResult<TransferResult>(step.Host, null, took, step.Error, step.Failure);
        }
        var done = await fleet.InvokeOnAsync<T>(hosts, call, timeout, p =>
        {
            if (p.Result is HostResult<T> step) fleet.Report(p with { Elapsed = (before?.Invoke(p.Host.Name) ?? TimeSpan.Zero) + p.Elapsed, Result = Total(step) });
            else if (before is null) fleet.Report(p);
        }, input, cancellationToken).ConfigureAwait(false);
        return new FleetResult<HostResult<TransferResult>>(done.Select(Total).ToArray());
    }

    private static void Finish(RmoteFleet fleet, Dictionary<string, HostResult<TransferResult>> results, HostResult<TransferResult> result)
    {
        results[result.Host.Name] = result;
        fleet.Report(new HostProgress(result.Host, HostProgressState.Succeeded, result.Elapsed, result));
    }

    private static HostResult<TransferResult> Failed(HostResult failed) =>
        new(failed.Host, null, failed.Elapsed, failed.Error, failed.Failure);
}
