namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 2: Sender is never null, implicit sender is Self inside an actor, Forward keeps the original sender.</summary>
public sealed class SenderTests : TestKit.TestKit
{
    private sealed class SenderReporter : ReceiveActor
    {
        public SenderReporter(IActorRef probe) => ReceiveAny(_ => probe.Tell(Sender));
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target)
        {
            Receive<string>(m => m.StartsWith("tell", StringComparison.Ordinal), m => target.Tell(m));
            Receive<string>(m => m.StartsWith("forward", StringComparison.Ordinal), m => target.Forward(m));
        }
    }

    [Fact]
    public void Sender_of_a_message_without_sender_is_dead_letters_not_null()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SenderReporter(TestActor)));
        actor.Tell("hi", ActorRefs.NoSender);
        Assert.Equal(Sys.DeadLetters, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Tell_inside_an_actor_carries_Self_as_sender()
    {
        var relay = Sys.ActorOf(Props.Create(() => new Relay(TestActor)));
        relay.Tell("tell me", ActorRefs.NoSender);
        ExpectMsg("tell me");
        Assert.Equal(relay, LastSender);
    }

    [Fact]
    public void Tell_outside_an_actor_has_no_sender()
    {
        var reporter = Sys.ActorOf(Props.Create(() => new SenderReporter(TestActor)));
        reporter.Tell("from a test thread");
        Assert.Equal(Sys.DeadLetters, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var original = CreateTestProbe();
        var relay = Sys.ActorOf(Props.Create(() => new Relay(TestActor)));
        relay.Tell("forward me", original.Ref);
        ExpectMsg("forward me");
        Assert.Equal(original.Ref, LastSender);
    }
}
