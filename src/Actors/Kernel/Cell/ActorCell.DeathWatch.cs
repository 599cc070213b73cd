namespace Rmote.Actors;

// DeathWatch. A watcher remembers whom it watches; the watchee remembers its watchers and notifies them after PostStop.
// The notification becomes a Terminated user message, delivered only if the watcher has not unwatched in the meantime.
internal sealed partial class ActorCell
{
    private HashSet<IActorRef>? _watching;
    private HashSet<IActorRef>? _watchedBy;
    private HashSet<IActorRef>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject)
    {
        var target = AsKernelRef(subject);
        if (!ReferenceEquals(target, SelfRef) && (_watching ??= []).Add(target))
            target.SendSystem(new Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = AsKernelRef(subject);
        if (_watching?.Remove(target) == true) target.SendSystem(new Unwatch(target, SelfRef));
        _terminatedQueued?.Remove(target);
        return subject;
    }

    private void AddWatcher(Watch watch)
    {
        if (ReferenceEquals(watch.Watchee, SelfRef) && !ReferenceEquals(watch.Watcher, SelfRef))
            (_watchedBy ??= []).Add(watch.Watcher);
    }

    private void RemoveWatcher(Unwatch unwatch) => _watchedBy?.Remove(unwatch.Watcher);

    private void WatchedActorTerminated(IActorRef actor)
    {
        if (_watching?.Remove(actor) != true || _terminating) return;
        (_terminatedQueued ??= []).Add(actor);
        Enqueue(new Terminated(actor), actor, bounded: false);
    }

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null) return;
        foreach (var watcher in _watchedBy) ((ActorRefBase)watcher).SendSystem(new DeathWatchNotification(SelfRef));
        _watchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is null) return;
        foreach (var watchee in _watching) ((ActorRefBase)watchee).SendSystem(new Unwatch((ActorRefBase)watchee, SelfRef));
        _watching = null;
    }
}
