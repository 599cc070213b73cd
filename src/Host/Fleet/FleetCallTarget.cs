using System.Linq.Expressions;

namespace Rmote;

/// <summary>
/// The fleet-wide <c>CallAsync</c> overloads (the four shapes of <see cref="RmoteConnection"/>'s, with and without a
/// timeout), shared by <see cref="RmoteFleet"/> (every host) and <see cref="FleetSelection"/> (the selected hosts).
/// Each runs the call on every host, at most <see cref="FleetOptions.ThrottleLimit"/> at once, and returns one
/// <see cref="HostResult"/> per host: a host that is unreachable, refuses us, throws or times out fails alone. The
/// arguments are evaluated once, here.
/// </summary>
public abstract class FleetCallTarget
{
    private protected FleetCallTarget()
    {
    }

    /// <summary>The hosts a call runs on, in order.</summary>
    public abstract IReadOnlyList<FleetHost> Hosts { get; }

    /// <summary>Calls a tool method on every host: <c>await fleet.CallAsync(() =&gt; SystemInfo.Hostname())</c>.</summary>
    /// <exception cref="ArgumentException">The expression is not a call of a public static method of a [Tool] class.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled: hosts not started yet do not start, and on hosts running
    /// the call the tool's token fires (as with <c>RmoteConnection.CallAsync</c>).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The fleet was disposed.</exception>
    public Task<FleetResult<HostResult<T>>> CallAsync<T>(Expression<Func<T>> call, CancellationToken cancellationToken = default) =>
        RunAsync<T>(call, null, cancellationToken);

    /// <summary>Calls an asynchronous tool method returning <c>Task&lt;T&gt;</c> on every host.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public Task<FleetResult<HostResult<T>>> CallAsync<T>(Expression<Func<Task<T>>> call, CancellationToken cancellationToken = default) =>
        RunAsync<T>(call, null, cancellationToken);

    /// <summary>Calls a tool method returning <c>void</c> on every host.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public async Task<FleetResult<HostResult>> CallAsync(Expression<Action> call, CancellationToken cancellationToken = default) =>
        WithoutValues(await RunAsync<object>(call, null, cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an asynchronous tool method returning <c>Task</c> on every host.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public async Task<FleetResult<HostResult>> CallAsync(Expression<Func<Task>> call, CancellationToken cancellationToken = default) =>
        WithoutValues(await RunAsync<object>(call, null, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Calls a tool method on every host with this per-host timeout instead of <see cref="FleetOptions.CallTimeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: none). A host that runs out ends with <see cref="HostFailureKind.TimedOut"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (and not infinite).</exception>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public Task<FleetResult<HostResult<T>>> CallAsync<T>(Expression<Func<T>> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync<T>(call, Check(timeout), cancellationToken);

    /// <summary>Calls an asynchronous tool method returning <c>Task&lt;T&gt;</c> on every host with this per-host timeout.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, TimeSpan, CancellationToken)"/>
    public Task<FleetResult<HostResult<T>>> CallAsync<T>(Expression<Func<Task<T>>> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync<T>(call, Check(timeout), cancellationToken);

    /// <summary>Calls a tool method returning <c>void</c> on every host with this per-host timeout.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, TimeSpan, CancellationToken)"/>
    public async Task<FleetResult<HostResult>> CallAsync(Expression<Action> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WithoutValues(await RunAsync<object>(call, Check(timeout), cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an asynchronous tool method returning <c>Task</c> on every host with this per-host timeout.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, TimeSpan, CancellationToken)"/>
    public async Task<FleetResult<HostResult>> CallAsync(Expression<Func<Task>> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WithoutValues(await RunAsync<object>(call, Check(timeout), cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Copies the local file (or directory) <paramref name="localPath"/> to <paramref name="remotePath"/> on every host, as
    /// <c>RmoteConnection.UploadAsync</c> does on one (atomic replace, mode and owner, skipped where the destination has
    /// the same SHA-256 — <see cref="TransferResult.Changed"/> false): the file is hashed once, each host's digest of the
    /// destination is compared with it, and the hosts whose copy differs get the file streamed with constant memory, read
    /// from disk once for all the hosts that start together (at most <see cref="FleetOptions.ThrottleLimit"/>; a host
    /// that starts later, when a slot frees, reads it again), the slowest of them setting the pace. Each agent verifies the
    /// hash and length of what it received before replacing anything. <see cref="TransferOptions.Progress"/> counts the
    /// bytes sent to all hosts (total: the file's size times the hosts it goes to; none for a directory); the fleet's progress tells each host's
    /// start and end once. A host that fails (unreachable, a destination that is a directory, a file that changed
    /// while it was copied: <see cref="InvalidDataException"/>) fails alone. In cluster mode
    /// (<see cref="FleetOptions.ClusterHosts"/>) a file of at most 100 000 bytes is sent as the call's argument; a larger
    /// one fails every host with <see cref="NotSupportedException"/>. A directory travels as one tar stream, produced
    /// once for the hosts that start together and extracted safely by each agent into <paramref name="remotePath"/>
    /// (merged, not compared first: <see cref="TransferResult.Bytes"/> is the archive's size).
    /// </summary>
    /// <exception cref="FileNotFoundException"><paramref name="localPath"/> does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="localPath"/> is a pipe or a device.</exception>
    /// <exception cref="NotSupportedException">A directory in cluster mode.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled: hosts not started do not start, running copies stop and
    /// leave no partial file.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The fleet was disposed.</exception>
    public Task<FleetResult<HostResult<TransferResult>>> UploadAsync(string localPath, string remotePath, TransferOptions? options = null,
        CancellationToken cancellationToken = default) =>
        StartUploadAsync(localPath, remotePath, options, null, cancellationToken);

    /// <summary>
    /// <see cref="UploadAsync(string, string, TransferOptions?, CancellationToken)"/> with this timeout per host and step
    /// (the digest, then the copy) instead of <see cref="FleetOptions.CallTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (and not infinite).</exception>
    /// <inheritdoc cref="UploadAsync(string, string, TransferOptions?, CancellationToken)" path="/exception"/>
    public Task<FleetResult<HostResult<TransferResult>>> UploadAsync(string localPath, string remotePath, TransferOptions? options, TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        StartUploadAsync(localPath, remotePath, options, Check(timeout), cancellationToken);

    private Task<FleetResult<HostResult<TransferResult>>> StartUploadAsync(string localPath, string remotePath, TransferOptions? options, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        ArgumentNullException.ThrowIfNull(remotePath);
        return RunUploadAsync(Path.GetFullPath(localPath), remotePath, options ?? TransferOptions.Default, timeout, cancellationToken);
    }

    /// <summary>Uploads to every host of <see cref="Hosts"/> (see <c>FleetUpload</c>); <paramref name="timeout"/> null: the fleet's.</summary>
    private protected abstract Task<FleetResult<HostResult<TransferResult>>> RunUploadAsync(string localPath, string remotePath, TransferOptions options,
        TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="call"/> on every host of <see cref="Hosts"/>; <paramref name="timeout"/> null: the fleet's.</summary>
    private protected abstract Task<FleetResult<HostResult<T>>> RunAsync<T>(LambdaExpression call, TimeSpan? timeout, CancellationToken cancellationToken);

    private static TimeSpan Check(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.Zero
            ? timeout
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive, or Timeout.InfiniteTimeSpan for none.");

    private static FleetResult<HostResult> WithoutValues(FleetResult<HostResult<object>> results) =>
        new(results.Select(r => new HostResult(r.Host, r.Elapsed, r.Error, r.Failure)).ToArray());
}
