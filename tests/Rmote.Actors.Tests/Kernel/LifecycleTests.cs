using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 3: constructor then PreStart, initialisation failures, the restart sequence, what survives a restart.</summary>
public sealed class LifecycleTests : TestKit.TestKit
{
    private sealed class Recorded : ReceiveActor
    {
        private static int s_instances;
        private readonly Events _events;
        private readonly int _instance;

        public Recorded(Events events, bool withChild)
        {
            _events = events;
            _instance = Interlocked.Increment(ref s_instances);
            events.Add("ctor");
            if (withChild) Context.ActorOf(Props.Create(() => new SlowStopper(events)), "child");
            Receive<string>(m => m == "boom", m =>
            {
                events.Add("handling boom");
                throw new InvalidOperationException("boom");
            });
            Receive<string>(m => events.Add("got " + m));
        }

        protected override void PreStart() => _events.Add("PreStart");

        protected override void PostStop() => _events.Add("PostStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _events.Add($"PreRestart {reason.Message} {message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _events.Add("PostRestart " + reason.Message);
            base.PostRestart(reason);
        }

        public override string ToString() => $"Recorded#{_instance}";
    }

    private sealed class SlowStopper : ActorBase
    {
        private readonly Events _events;

        public SlowStopper(Events events) => _events = events;

        protected override bool Receive(object message) => false;

        protected override void PostStop()
        {
            // Widens the window in which a restart that does not wait for its children would construct too early.
            Thread.Sleep(200);
            _events.Add("child PostStop");
        }
    }

    private sealed class ThrowsInConstructor : ActorBase
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("ctor failed");

        protected override bool Receive(object message) => true;
    }

    private sealed class ThrowsInPreStart : ActorBase
    {
        protected override bool Receive(object message) => true;

        protected override void PreStart() => throw new InvalidOperationException("PreStart failed");
    }

    private sealed class WatchThenFail : ReceiveActor
    {
        public WatchThenFail(IActorRef subject, IActorRef probe)
        {
            Receive<string>(m => m == "watch", _ =>
            {
                Context.Watch(subject);
                Sender.Tell("watching");
            });
            Receive<string>(m => m == "boom", _ => throw new InvalidOperationException("boom"));
            // A Terminated is only delivered by DeathWatch (as in Akka), so it is reported wrapped.
            Receive<Terminated>(t => probe.Tell("terminated " + t.ActorRef.Path.Name));
        }
    }

    [Fact]
    public void Constructor_runs_before_PreStart_and_both_before_the_first_message()
    {
        var events = new Events();
        var actor = Sys.ActorOf(Props.Create(() => new Recorded(events, false)));
        actor.Tell("first", ActorRefs.NoSender);
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.Equal(["ctor", "PreStart", "got first", "PostStop"], events.Snapshot());
    }

    [Fact]
    public async Task A_failing_constructor_is_an_ActorInitializationException_and_stops_the_actor_by_default()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<ThrowsInConstructor>())));
        var child = await parent.Ask<IActorRef>(ParentActor.GetChild.Instance);
        Watch(child);
        ExpectTerminated(child);

        var probe = CreateTestProbe();
        Sys.ActorOf(ParentActor.Reporting(Props.Create<ThrowsInConstructor>(), probe.Ref, Directive.Stop));
        var failure = probe.ExpectMsg<ActorInitializationException>();
        Assert.Equal("ctor failed", failure.InnerException?.Message);
    }

    [Fact]
    public void A_failing_PreStart_is_an_ActorInitializationException()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(ParentActor.Reporting(Props.Create<ThrowsInPreStart>(), probe.Ref, Directive.Stop));
        var failure = probe.ExpectMsg<ActorInitializationException>();
        Assert.Equal("PreStart failed", failure.InnerException?.Message);
    }

    [Fact]
    public void Restart_runs_PreRestart_with_the_message_waits_for_children_then_builds_a_new_instance()
    {
        var events = new Events();
        var actor = Sys.ActorOf(Props.Create(() => new Recorded(events, true)));
        actor.Tell("boom", ActorRefs.NoSender);
        actor.Tell("after", ActorRefs.NoSender);
        events.WaitFor("got after");

        var e = events.Snapshot();
        Assert.Equal(["ctor", "PreStart", "handling boom", "PreRestart boom boom"], e.Take(4));
        Assert.True(events.IndexOf("PostStop") < events.IndexOf("PostRestart boom"), events.ToString());
        Assert.True(events.IndexOf("child PostStop") < e.ToList().LastIndexOf("ctor"), "the new instance was built before the old children stopped: " + events);
        Assert.Equal(["ctor", "PostRestart boom", "PreStart", "got after"], e.Skip(e.ToList().LastIndexOf("ctor")));
    }

    [Fact]
    public void The_failing_message_is_not_reprocessed_and_the_rest_of_the_mailbox_is_kept()
    {
        var events = new Events();
        var actor = Sys.ActorOf(Props.Create(() => new Recorded(events, false)));
        foreach (var m in new[] { "a", "boom", "b", "c" }) actor.Tell(m, ActorRefs.NoSender);
        events.WaitFor("got c");

        var messages = events.Snapshot().Where(x => x.StartsWith("got", StringComparison.Ordinal) || x == "handling boom");
        Assert.Equal(["got a", "handling boom", "got b", "got c"], messages);
    }

    [Fact]
    public void Watches_survive_a_restart_in_both_directions()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Recorded(new Events(), false)));
        var watcher = Sys.ActorOf(Props.Create(() => new WatchThenFail(subject, TestActor)));
        watcher.Tell("watch", TestActor);
        ExpectMsg("watching");
        Watch(watcher);

        watcher.Tell("boom", ActorRefs.NoSender); // restarted, not terminated: the test actor sees nothing
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Sys.Stop(subject); // the new instance of the watcher still watches the subject
        ExpectMsg("terminated " + subject.Path.Name);
    }
}
