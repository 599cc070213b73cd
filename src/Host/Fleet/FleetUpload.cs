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

    public static async Task<FleetResult<HostResult<TransferResult>>> RunAsync(RmoteFleet fleet, string selection, IReadOnlyList<FleetHost> selected,
        string localPath, string remotePath, TransferOptions options, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var length = CheckSource(localPath);
        if (fleet.InCluster) return await WriteThroughClusterAsync(fleet, selection, selected, localPath, remotePath, options, length, timeout, cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, HostResult<TransferResult>>(StringComparer.Ordinal);
        var elapsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        // 1. What each host has. Forced, only whether it can take a file there (and every host connects meanwhile).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = options.Force ? Task.FromResult<string?>(null) : LocalFiles.TryHashAsync(localPath, stop.Token);
        var look = options.Force
            ? ToolCall.Create(() => Transfer.Describe(remotePath))
            : ToolCall.Create(() => Transfer.DigestAsync(remotePath, CancellationToken.None));
        FleetResult<HostResult<FileDigest?>> found;
        try
        {
            found = await fleet.InvokeOnAsync<FileDigest?>(selection, selected, look, timeout, p =>
            {
                if (p.State == HostProgressState.Started) fleet.Report(p);
                else if (p.Result is { Succeeded: false } failed) fleet.Report(p with { Result = Failed(failed) });
            }, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        var sha256 = await hashing.ConfigureAwait(false);

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
        var settling = RunStepAsync<bool>(fleet, settle, ToolCall.Create(() => Transfer.ApplySettings(remotePath, mode, owner, group)), timeout, null,
            changed => new TransferResult(remotePath, changed, 0, sha256!, TimeSpan.Zero), elapsed, results, cancellationToken);
        var sending = RunStepAsync<TransferReceipt>(fleet, send,
            ToolCall.Create(() => Transfer.ReceiveFileAsync(remotePath, length, sha256, mode, owner, group, durable, CancellationToken.None)), timeout,
            () => new InvokeInput(source.OpenReader(), LocalFiles.ChunkSize, meter.Add),
            receipt => new TransferResult(remotePath, receipt.Changed, receipt.Bytes, receipt.Sha256, TimeSpan.Zero), elapsed, results, cancellationToken);
        await Task.WhenAll(settling, sending).ConfigureAwait(false);
        if (send.Count > 0) meter.Complete();
        var result = new FleetResult<HostResult<TransferResult>>(selected.Select(h => results[h.Name]).ToArray());
        fleet.Logger.LogInformation("Uploaded {Source} to {Destination}: {Changed} of {Hosts} hosts changed, {Failed} failed; the file was read {Passes} time(s) for {Sent} hosts",
            localPath, remotePath, result.Count(r => r.Value?.Changed == true), result.Count, result.Failed.Count, source.Passes, send.Count);
        return result;
    }

    // Through a cluster a stream cannot reach the node holding the connection: a small file travels as the call's argument
    // (Akka.Remote's frames are 128 000 bytes by default), a larger one is refused on every host.
    private static async Task<FleetResult<HostResult<TransferResult>>> WriteThroughClusterAsync(RmoteFleet fleet, string selection, IReadOnlyList<FleetHost> selected,
        string localPath, string remotePath, TransferOptions options, long length, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (length > MaxClusterBytes)
        {
            var refused = selected.Select(h => new HostResult<TransferResult>(h, null, TimeSpan.Zero, new NotSupportedException(
                $"'{localPath}' is {length} bytes: through a cluster of controllers a file of at most {MaxClusterBytes} bytes can be uploaded; upload from a fleet that holds its own connections (without --cluster)."),
                HostFailureKind.RemoteException)).ToArray();
            foreach (var host in refused) fleet.Report(new HostProgress(host.Host, HostProgressState.Failed, TimeSpan.Zero, host));
            return new FleetResult<HostResult<TransferResult>>(refused);
        }
        var bytes = await File.ReadAllBytesAsync(localPath, cancellationToken).ConfigureAwait(false);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var (mode, owner, group) = (options.Mode, options.Owner, options.Group);
        var written = await fleet.InvokeOnAsync<FileChange>(selection, selected, ToolCall.Create(() => FileSystem.WriteBytes(remotePath, bytes, mode, owner, group)),
            timeout, p => fleet.Report(p with { Result = p.Result is HostResult<FileChange> r ? ToTransfer(r) : null }), null, cancellationToken).ConfigureAwait(false);
        return new FleetResult<HostResult<TransferResult>>(written.Select(ToTransfer).ToArray());

        HostResult<TransferResult> ToTransfer(HostResult<FileChange> r) => new(r.Host,
            r.Value is { } change ? new TransferResult(remotePath, change.Changed, change.Changed ? length : 0, sha256, r.Elapsed) : null, r.Elapsed, r.Error, r.Failure);
    }

    /// <summary>The largest file uploaded through a cluster (as one call's argument, within Akka.Remote's default frame).</summary>
    internal const int MaxClusterBytes = 100_000;

    /// <summary>The source's length; it must be a regular file (a pipe cannot be hashed, nor read again for a later host).</summary>
    private static long CheckSource(string localPath)
    {
        if (Directory.Exists(localPath))
            throw new ArgumentException($"'{localPath}' is a directory: a fleet upload copies one file (RmoteConnection.UploadAsync copies directories).", nameof(localPath));
        if (!File.Exists(localPath)) throw new FileNotFoundException($"'{localPath}' does not exist.", localPath);
        using var file = LocalFiles.OpenRead(localPath);
        if (!file.CanSeek) throw new ArgumentException($"'{localPath}' is not a regular file (a pipe or a device): a fleet upload reads a file.", nameof(localPath));
        return file.Length;
    }

    // One step on some hosts: each host's outcome is final (reported, with the time of both steps).
    private static async Task RunStepAsync<T>(RmoteFleet fleet, List<FleetHost> hosts, ToolCall call, TimeSpan? timeout, Func<InvokeInput>? input,
        Func<T, TransferResult> toResult, Dictionary<string, TimeSpan> elapsed, Dictionary<string, HostResult<TransferResult>> results,
        CancellationToken cancellationToken)
    {
        if (hosts.Count == 0) return;
        var selection = string.Join(':', hosts.Select(h => h.Name));
        HostResult<TransferResult> Total(HostResult<T> step)
        {
            var took = elapsed[step.Host.Name] + step.Elapsed;
            return step.Succeeded
                ? new HostResult<TransferResult>(step.Host, toResult(step.Value!) with { Elapsed = took }, took, null, HostFailureKind.None)
                : new HostResult<TransferResult>(step.Host, null, took, step.Error, step.Failure);
        }
        var done = await fleet.InvokeOnAsync<T>(selection, hosts, call, timeout, p =>
        {
            if (p.Result is HostResult<T> step) fleet.Report(new HostProgress(p.Host, p.State, elapsed[p.Host.Name] + p.Elapsed, Total(step)));
        }, input, cancellationToken).ConfigureAwait(false);
        lock (results)
        {
            foreach (var step in done) results[step.Host.Name] = Total(step);
        }
    }

    private static void Finish(RmoteFleet fleet, Dictionary<string, HostResult<TransferResult>> results, HostResult<TransferResult> result)
    {
        results[result.Host.Name] = result;
        fleet.Report(new HostProgress(result.Host, HostProgressState.Succeeded, result.Elapsed, result));
    }

    private static HostResult<TransferResult> Failed(HostResult failed) =>
        new(failed.Host, null, failed.Elapsed, failed.Error, failed.Failure);
}
