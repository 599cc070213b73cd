using System.Diagnostics;

namespace Rmote.Transports;

/// <summary>
/// One connect's time budget (<see cref="RmoteOptions.ConnectTimeout"/>) joined with the caller's token, and the rule
/// that turns whatever a cancelled connect threw into the error the user should see.
/// </summary>
internal sealed class ConnectScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly long _started = Stopwatch.GetTimestamp();

    public ConnectScope(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "ConnectTimeout must be positive.");
        Timeout = timeout;
        _caller = cancellationToken;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _source.CancelAfter(timeout);
    }

    /// <summary>The whole budget.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the budget runs out or the caller cancels.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>What is left of the budget (zero when spent).</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Timeout - Stopwatch.GetElapsedTime(_started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// The exception to surface for <paramref name="error"/>: the caller's cancellation stays an
    /// <see cref="OperationCanceledException"/>; anything after the budget ran out (a read that ended because the
    /// process was killed, say) becomes <see cref="ConnectFailureReason.Timeout"/> with the stderr so far.
    /// </summary>
    public Exception Translate(Exception error, string target, string? standardError)
    {
        if (_caller.IsCancellationRequested)
            return error as OperationCanceledException ?? new OperationCanceledException("The connect was cancelled.", error, _caller);
        if (_source.IsCancellationRequested)
            return new RmoteConnectException(ConnectFailureReason.Timeout, target,
                $"no agent within the connect timeout of {Timeout.TotalSeconds:0.#} s. Check that the target is reachable "
                + "and answers (stderr below), or raise RmoteOptions.ConnectTimeout for a slow link.", standardError, error);
        return error;
    }

    public void Dispose() => _source.Dispose();
}
