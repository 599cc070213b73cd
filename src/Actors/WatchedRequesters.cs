namespace Rmote.Actors;

/// <summary>
/// Death-watch of the actors that have open work with the owning actor (streams of a connection, fleet invokes): an
/// actor is watched from its first open piece of work and unwatched after its last, so a requester that stops is
/// noticed (<see cref="Terminated"/>) and its work cancelled. Owned by one actor (not thread-safe).
/// </summary>
internal sealed class WatchedRequesters
{
    private readonly Dictionary<IActorRef, int> open = [];

    /// <summary>Whether <paramref name="requester"/> has open work (a <see cref="Terminated"/> of it is ours to handle).</summary>
    public bool Contains(IActorRef requester) => open.ContainsKey(requester);

    /// <summary>Counts one more piece of open work for <paramref name="requester"/>, watching it on the first.</summary>
    public void Add(IActorRef requester, IActorContext context)
    {
        if (open.TryGetValue(requester, out var count)) open[requester] = count + 1;
        else
        {
            open[requester] = 1;
            context.Watch(requester);
        }
    }

    /// <summary>Counts one piece of <paramref name="requester"/>'s work as ended, unwatching it after the last.</summary>
    public void Remove(IActorRef requester, IActorContext context)
    {
        if (open.TryGetValue(requester, out var count) && count > 1) open[requester] = count - 1;
        else if (open.Remove(requester)) context.Unwatch(requester);
    }
}
