namespace Rmote.Actors;

/// <summary>One scheduled send (once or repeated) on its own timer.</summary>
internal sealed class ScheduledTell : ICancelable
{
    private readonly TimerScheduler _owner;
    private readonly IActorRef _receiver;
    private readonly object _message;
    private readonly IActorRef? _sender;
    private readonly bool _repeat;
    private readonly Timer _timer;
    private int _cancelled;

    public ScheduledTell(TimerScheduler owner, IActorRef receiver, object message, IActorRef? sender, bool repeat)
    {
        _owner = owner;
        _receiver = receiver;
        _message = message;
        _sender = sender;
        _repeat = repeat;
        _timer = new Timer(static state => ((ScheduledTell)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

    public void Arm(TimeSpan delay, TimeSpan interval) => _timer.Change(delay, interval);

    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0) Release();
    }

    private void Fire()
    {
        if (IsCancellationRequested) return;
        if (!_repeat) Release();
        _receiver.Tell(_message, _sender);
    }

    private void Release()
    {
        _timer.Dispose();
        _owner.Forget(this);
    }
}
