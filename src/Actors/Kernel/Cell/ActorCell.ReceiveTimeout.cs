namespace Rmote.Actors;

// Receive timeout: a one-shot timer re-armed after every message while a timeout is set.
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private Timer? _receiveTimeoutTimer;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : null;
        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        if (_receiveTimeout is { } timeout)
        {
            _receiveTimeoutTimer ??= new Timer(
                static state => ((ActorCell)state!).Enqueue(Actors.ReceiveTimeout.Instance, null, bounded: false),
                this, Timeout.Infinite, Timeout.Infinite);
            _receiveTimeoutTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _receiveTimeoutTimer?.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeout = null;
        _receiveTimeoutTimer?.Change(Timeout.Infinite, Timeout.Infinite);
    }

    private void DisposeReceiveTimeout()
    {
        _receiveTimeout = null;
        _receiveTimeoutTimer?.Dispose();
        _receiveTimeoutTimer = null;
    }
}
