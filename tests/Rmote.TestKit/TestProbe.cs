using Rmote.Actors;

namespace Rmote.TestKit;

/// <summary>A stand-in actor for tests: send it messages, let it watch actors, and check what it received.</summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, string? name)
        : base(system, name ?? "testProbe")
    {
    }

    /// <summary>The probe's reference (same as <see cref="TestKitBase.TestActor"/>).</summary>
    public IActorRef Ref => TestActor;

    /// <summary>The sender of the last message taken by an expectation.</summary>
    public IActorRef Sender => LastSender;

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Forwards the last received message to <paramref name="target"/>, keeping its sender.</summary>
    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);
}
