namespace Rmote.Actors.Tests.Kernel.Support;

/// <summary>Creates one child named "child" from <paramref name="childProps"/> and forwards every message to it.</summary>
public sealed class ParentActor : ReceiveActor
{
    public ParentActor(Props childProps)
    {
        var child = Context.ActorOf(childProps, "child");
        Receive<GetChild>(_ => Sender.Tell(child));
        ReceiveAny(m => child.Forward(m));
    }

    /// <summary>Asks the parent for its child's reference.</summary>
    public sealed record GetChild
    {
        public static readonly GetChild Instance = new();
    }

    /// <summary>A supervisor that reports each child failure (the exception) to <paramref name="probe"/> and then applies <paramref name="directive"/>.</summary>
    public static Props Reporting(Props childProps, IActorRef probe, Directive directive) =>
        Props.Create(() => new ParentActor(childProps)).WithSupervisorStrategy(new OneForOneStrategy(e =>
        {
            probe.Tell(e, ActorRefs.NoSender);
            return directive;
        }));
}
