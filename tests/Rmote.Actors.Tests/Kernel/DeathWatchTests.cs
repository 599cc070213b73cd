using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 6: idempotent Watch, exactly-once Terminated (also for dead actors), Unwatch discards, death pact.</summary>
public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed record WatchIt(IActorRef Subject, int Times);

    private sealed record UnwatchIt(IActorRef Subject);

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe, Gate? gate)
        {
            Receive<WatchIt>(w =>
            {
                for (var i = 0; i < w.Times; i++) Context.Watch(w.Subject);
                Sender.Tell("watching");
            });
            Receive<UnwatchIt>(u => Context.Unwatch(u.Subject));
            Receive<string>(m => m == "block", _ => gate!.Enter());
            Receive<string>(m => m == "ping", _ => probe.Tell("pong"));
            Receive<Terminated>(t => probe.Tell("terminated " + t.ActorRef.Path.Name));
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(_ => { });
        }
    }

    private sealed class Idle : ActorBase
    {
        protected override bool Receive(object message) => true;
    }

    private IActorRef Subject(string name) => Sys.ActorOf(Props.Create<Idle>(), name);

    [Fact]
    public void Watch_is_idempotent_and_Terminated_arrives_exactly_once()
    {
        var subject = Subject("subject");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor, null)));
        watcher.Tell(new WatchIt(subject, 3), TestActor);
        ExpectMsg("watching");

        Sys.Stop(subject);

        ExpectMsg("terminated subject");
        watcher.Tell("ping");
        ExpectMsg("pong"); // no second Terminated before the pong
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_an_actor_that_already_terminated_delivers_Terminated()
    {
        var subject = Subject("gone");
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);

        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor, null)));
        watcher.Tell(new WatchIt(subject, 1), TestActor);

        ExpectMsg("watching");
        ExpectMsg("terminated gone");
    }

    [Fact]
    public void Unwatch_discards_a_Terminated_that_is_already_queued()
    {
        using var gate = new Gate();
        var subject = Subject("subject");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor, gate)));
        watcher.Tell(new WatchIt(subject, 1), TestActor);
        ExpectMsg("watching");

        watcher.Tell("block");
        gate.WaitEntered();
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject); // the watcher's notification is waiting behind the blocked message
        watcher.Tell(new UnwatchIt(subject));
        gate.Open(); // Terminated is queued now, after the Unwatch
        watcher.Tell("ping");

        ExpectMsg("pong");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task An_unhandled_Terminated_fails_the_watcher_with_DeathPactException()
    {
        var subject = Subject("subject");
        var parent = Sys.ActorOf(ParentActor.Reporting(Props.Create(() => new CarelessWatcher(subject)), TestActor, Directive.Stop));
        var watcher = Watch(await parent.Ask<IActorRef>(ParentActor.GetChild.Instance));

        Sys.Stop(subject);

        Assert.Equal(subject, ExpectMsg<DeathPactException>().DeadActor);
        ExpectTerminated(watcher);
    }
}
