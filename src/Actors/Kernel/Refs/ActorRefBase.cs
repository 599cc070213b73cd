namespace Rmote.Actors;

/// <summary>
/// What every reference of this kernel is: besides user messages it accepts the kernel's system messages
/// (watch, stop, failure...), and knows its system (for dead letters and asks).
/// </summary>
internal abstract class ActorRefBase : IActorRef
{
    protected ActorRefBase(ActorSystem system, ActorPath path)
    {
        System = system;
        Path = path;
    }

    public ActorSystem System { get; }

    public ActorPath Path { get; }

    /// <summary>Whether the actor behind this reference has terminated for good.</summary>
    public abstract bool IsTerminated { get; }

    public abstract void Tell(object message, IActorRef? sender);

    internal abstract void SendSystem(SystemMessage message);

    public override string ToString() => Path.ToString();
}
