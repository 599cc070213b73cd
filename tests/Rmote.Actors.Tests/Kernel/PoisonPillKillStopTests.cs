using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 7: PoisonPill is ordered, Stop takes priority (queued messages become dead letters), Kill fails the actor.</summary>
public sealed class PoisonPillKillStopTests : TestKit.TestKit
{
    private sealed class Reporter : ReceiveActor
    {
        public Reporter(IActorRef probe, Gate? gate)
        {
            Receive<string>(m => m == "block", _ =>
            {
                gate!.Enter();
                probe.Tell("block done");
            });
            Receive<string>(m => m == "stop yourself", _ =>
            {
                Context.Stop(Self);
                probe.Tell("still finishing the current message");
            });
            Receive<string>(m => probe.Tell(m));
        }
    }

    [Fact]
    public void PoisonPill_is_processed_after_the_messages_sent_before_it()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Watch(Sys.ActorOf(Props.Create(() => new Reporter(TestActor, null))));
        actor.Tell("1");
        actor.Tell("2");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after the pill");

        ExpectMsg("1");
        ExpectMsg("2");
        var rest = ReceiveN(2);
        Assert.Contains(rest, m => m is Terminated t && t.ActorRef.Equals(actor));
        Assert.Contains(rest, m => m is DeadLetter { Message: "after the pill" });
    }

    [Fact]
    public void Stop_lets_the_current_message_finish_and_sends_queued_ones_to_dead_letters()
    {
        using var gate = new Gate();
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Watch(Sys.ActorOf(Props.Create(() => new Reporter(TestActor, gate))));
        actor.Tell("block");
        gate.WaitEntered();
        actor.Tell("queued 1");
        actor.Tell("queued 2");

        Sys.Stop(actor);
        gate.Open();

        ExpectMsg("block done");
        var rest = ReceiveN(3);
        Assert.Equal(["queued 1", "queued 2"], rest.OfType<DeadLetter>().Select(d => d.Message));
        Assert.Single(rest.OfType<Terminated>());
    }

    [Fact]
    public void Context_Stop_of_Self_finishes_the_current_message_first()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Watch(Sys.ActorOf(Props.Create(() => new Reporter(TestActor, null))));
        actor.Tell("stop yourself");
        actor.Tell("never processed");

        ExpectMsg("still finishing the current message");
        var rest = ReceiveN(2);
        Assert.Contains(rest, m => m is Terminated);
        Assert.Contains(rest, m => m is DeadLetter { Message: "never processed" });
    }

    [Fact]
    public async Task Kill_fails_the_actor_with_ActorKilledException_and_the_default_strategy_stops_it()
    {
        var probe = CreateTestProbe();
        var reporting = Sys.ActorOf(ParentActor.Reporting(Props.Create(() => new Reporter(TestActor, null)), probe.Ref, Directive.Resume));
        var child = await reporting.Ask<IActorRef>(ParentActor.GetChild.Instance);
        child.Tell(Kill.Instance);
        probe.ExpectMsg<ActorKilledException>();
        child.Tell("resumed");
        ExpectMsg("resumed");

        var actor = Watch(Sys.ActorOf(Props.Create(() => new Reporter(TestActor, null))));
        actor.Tell(Kill.Instance);
        ExpectTerminated(actor);
    }
}
