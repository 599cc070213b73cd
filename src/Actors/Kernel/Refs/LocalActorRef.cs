namespace Rmote.Actors;

/// <summary>The reference of an actor living in this process: a thin handle on its <see cref="ActorCell"/>.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : ActorRefBase(cell.System, path)
{
    public ActorCell Cell { get; } = cell;

    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.SendUser(message, sender);
    }

    internal override void SendSystem(SystemMessage message) => Cell.SendSystem(message);
}
