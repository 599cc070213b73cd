using System.Collections.Concurrent;

namespace Rmote.Actors;

/// <summary>A scheduler on <see cref="Timer"/>s; it keeps every pending send so it can cancel them all on termination.</summary>
internal sealed class TimerScheduler : IScheduler, IDisposable
{
    private readonly ConcurrentDictionary<ScheduledTell, byte> _pending = new();
    private volatile bool _disposed;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Start(delay, Timeout.InfiniteTimeSpan, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        return Start(initialDelay, interval, receiver, message, sender);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var tell in _pending.Keys) tell.Cancel();
    }

    internal void Forget(ScheduledTell tell) => _pending.TryRemove(tell, out _);

    private ScheduledTell Start(TimeSpan delay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        var tell = new ScheduledTell(this, receiver, message, sender, repeat: interval != Timeout.InfiniteTimeSpan);
        _pending.TryAdd(tell, 0);
        if (_disposed) tell.Cancel();
        else tell.Arm(delay, interval);
        return tell;
    }
}
