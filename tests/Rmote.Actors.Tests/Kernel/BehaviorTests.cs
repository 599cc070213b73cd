namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 10 (part): receive timeout, Become / BecomeStacked / UnbecomeStacked, stash.</summary>
public sealed class BehaviorTests : TestKit.TestKit
{
    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Receive<string>(m => m == "arm", _ => Context.SetReceiveTimeout(TimeSpan.FromMilliseconds(100)));
            Receive<string>(m => m == "disarm", _ =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell("disarmed");
            });
            Receive<ReceiveTimeout>(_ => probe.Tell("idle"));
        }
    }

    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Receive<string>(m => m == "happy", _ => Become(Happy));
            Receive<string>(m => m == "push", _ => BecomeStacked(Angry));
            Receive<string>(m => Sender.Tell("neutral " + m));
        }

        private void Happy()
        {
            Receive<string>(m => m == "push", _ => BecomeStacked(Angry));
            Receive<string>(m => Sender.Tell("happy " + m));
        }

        private void Angry()
        {
            Receive<string>(m => m == "pop", _ => UnbecomeStacked());
            Receive<string>(m => Sender.Tell("angry " + m));
        }
    }

    private sealed class Gatekeeper : ReceiveActor, IWithStash
    {
        private static int s_instances;

        public Gatekeeper(IActorRef probe, bool stashOnlyInFirstInstance)
        {
            var instance = Interlocked.Increment(ref s_instances);
            var closed = !stashOnlyInFirstInstance || instance == 1;
            Receive<string>(m => m == "open", _ =>
            {
                closed = false;
                Stash.UnstashAll();
            });
            Receive<string>(m => m == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(m =>
            {
                if (closed) Stash.Stash();
                else probe.Tell(m);
            });
        }

        public IStash Stash { get; set; } = null!;
    }

    [Fact]
    public void ReceiveTimeout_arrives_after_an_idle_period_and_stops_when_cleared()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor)));
        actor.Tell("arm");
        ExpectMsg("idle");
        ExpectMsg("idle"); // repeats while idle

        actor.Tell("disarm");
        FishForMessage(m => m is "disarmed");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void ReceiveTimeout_does_not_fire_while_messages_keep_coming()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor)));
        actor.Tell("arm");
        var stop = DateTime.UtcNow + TimeSpan.FromMilliseconds(400);
        while (DateTime.UtcNow < stop)
        {
            actor.Tell("keep busy"); // unhandled but still a message
            Thread.Sleep(20);
        }
        actor.Tell("disarm");
        ExpectMsg("disarmed");
    }

    [Fact]
    public void Become_replaces_the_behaviour_and_BecomeStacked_can_be_undone()
    {
        var actor = Sys.ActorOf(Props.Create<Moody>());
        foreach (var m in new[] { "a", "happy", "b", "push", "c", "pop", "d" }) actor.Tell(m, TestActor);

        ExpectMsg("neutral a");
        ExpectMsg("happy b");
        ExpectMsg("angry c");
        ExpectMsg("happy d");
    }

    [Fact]
    public void Stashed_messages_are_processed_in_order_after_UnstashAll()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gatekeeper(TestActor, false)));
        foreach (var m in new[] { "1", "2", "3", "open", "4" }) actor.Tell(m);

        Assert.Equal(["1", "2", "3", "4"], ReceiveN(4));
    }

    [Fact]
    public void Stashed_messages_are_unstashed_on_restart_before_the_rest_of_the_mailbox()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gatekeeper(TestActor, true)));
        foreach (var m in new[] { "1", "2", "boom", "3" }) actor.Tell(m);

        Assert.Equal(["1", "2", "3"], ReceiveN(3));
    }
}
