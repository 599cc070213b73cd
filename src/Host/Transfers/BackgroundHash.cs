namespace Rmote.Transfers;

/// <summary>
/// The local SHA-256 of a file, computed while the other side is asked for its digest, so that an unchanged file
/// costs the time of one hash: <see cref="Result"/> is awaited when there is a file of the same size to compare it
/// with; otherwise disposing stops it (and observes its end, cancelled or failed on a file gone meanwhile).
/// </summary>
internal sealed class BackgroundHash : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;

    public BackgroundHash(string path, CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Result = LocalFiles.TryHashAsync(path, stop.Token);
    }

    /// <summary>The file's hash, lower-case hex; <see langword="null"/> when it is not a file.</summary>
    public Task<string?> Result { get; }

    public async ValueTask DisposeAsync()
    {
        if (!Result.IsCompleted) await stop.CancelAsync().ConfigureAwait(false);
        await Result.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        stop.Dispose();
    }
}
