namespace Rmote.Actors;

/// <summary>
/// Publish/subscribe by message type: a subscriber actor gets every published event that is an instance of a channel it
/// subscribed to. Subscribers that have terminated are dropped.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <paramref name="channel"/>.</summary>
    /// <returns><see langword="false"/> when it was subscribed already.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            if (_subscriptions.Contains((channel, subscriber))) return false;
            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            return true;
        }
    }

    /// <summary>Removes one subscription; <see langword="false"/> when there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        RemoveWhere(s => s.Channel == channel && s.Subscriber.Equals(subscriber));

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber) => RemoveWhere(s => s.Subscriber.Equals(subscriber));

    /// <summary>Sends <paramref name="event"/> to every subscriber of a matching channel.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var (channel, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (!channel.IsInstanceOfType(@event)) continue;
            if (subscriber is ActorRefBase { IsTerminated: true }) Unsubscribe(subscriber);
            else subscriber.Tell(@event, ActorRefs.NoSender);
        }
    }

    private bool RemoveWhere(Func<(Type Channel, IActorRef Subscriber), bool> match)
    {
        lock (_lock)
        {
            var kept = _subscriptions.Where(s => !match(s)).ToArray();
            if (kept.Length == _subscriptions.Length) return false;
            _subscriptions = kept;
            return true;
        }
    }
}
