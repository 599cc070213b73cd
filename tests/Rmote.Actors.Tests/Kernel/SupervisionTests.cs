using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 5: directives, one-for-one vs all-for-one, retry limits and windows, the default strategy, escalation.</summary>
public sealed class SupervisionTests : TestKit.TestKit
{
    private sealed class Counter : ReceiveActor
    {
        public Counter(IActorRef probe, string name)
        {
            var count = 0;
            probe.Tell("started " + name);
            Receive<string>(m => m == "inc", _ => count++);
            Receive<string>(m => m == "get", _ => Sender.Tell(count));
            Receive<Exception>(e => throw e);
        }
    }

    /// <summary>Two counters "a" and "b" under one strategy; messages are routed as (name, message).</summary>
    private sealed class Pair : ReceiveActor
    {
        public Pair(IActorRef probe)
        {
            Context.ActorOf(Props.Create(() => new Counter(probe, "a")), "a");
            Context.ActorOf(Props.Create(() => new Counter(probe, "b")), "b");
            Receive<(string Child, object Message)>(m => Context.Child(m.Child)!.Forward(m.Message));
            Receive<string>(m => m == "children", _ => Sender.Tell(Context.Children.OrderBy(c => c.Path.Name).ToArray()));
        }
    }

    /// <summary>A middle supervisor that escalates everything; its child is a Counter.</summary>
    private sealed class Escalator : ReceiveActor
    {
        public Escalator(IActorRef probe)
        {
            var child = Context.ActorOf(Props.Create(() => new Counter(probe, "leaf")), "leaf");
            ReceiveAny(m => child.Forward(m));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);
    }

    /// <summary>Fails on an Exception message; has one Counter child "leaf".</summary>
    private sealed class FailingParent : ReceiveActor
    {
        public FailingParent(IActorRef probe)
        {
            var leaf = Context.ActorOf(Props.Create(() => new Counter(probe, "leaf")), "leaf");
            Receive<string>(m => m == "leaf?", _ => Sender.Tell(leaf));
            Receive<Exception>(e => throw e);
        }
    }

    private static Props CounterUnder(IActorRef probe, SupervisorStrategy strategy) =>
        Props.Create(() => new ParentActor(Props.Create(() => new Counter(probe, "child")))).WithSupervisorStrategy(strategy);

    [Fact]
    public async Task Resume_keeps_the_actor_and_its_state()
    {
        var parent = Sys.ActorOf(CounterUnder(TestActor, new OneForOneStrategy(_ => Directive.Resume)));
        ExpectMsg("started child");
        parent.Tell("inc");
        parent.Tell(new InvalidOperationException("boom"));
        parent.Tell("inc");

        Assert.Equal(2, await parent.Ask<int>("get", TestKit.TestKitSettings.DefaultTimeout));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // not restarted
    }

    [Fact]
    public async Task Restart_replaces_the_instance_and_its_state()
    {
        var parent = Sys.ActorOf(CounterUnder(TestActor, new OneForOneStrategy(_ => Directive.Restart)));
        ExpectMsg("started child");
        parent.Tell("inc");
        parent.Tell(new InvalidOperationException("boom"));

        ExpectMsg("started child");
        Assert.Equal(0, await parent.Ask<int>("get", TestKit.TestKitSettings.DefaultTimeout));
    }

    [Fact]
    public async Task Stop_stops_the_child()
    {
        var parent = Sys.ActorOf(CounterUnder(TestActor, new OneForOneStrategy(_ => Directive.Stop)));
        ExpectMsg("started child");
        var child = Watch(await ChildOf(parent));
        parent.Tell(new InvalidOperationException("boom"));
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_with_the_same_exception()
    {
        var top = CreateTestProbe();
        var boom = new InvalidOperationException("boom");
        var escalatorProps = Props.Create(() => new Escalator(TestActor));
        var root = Sys.ActorOf(ParentActor.Reporting(escalatorProps, top.Ref, Directive.Restart));
        ExpectMsg("started leaf");

        root.Tell(boom);

        Assert.Same(boom, top.ExpectMsg<InvalidOperationException>());
        ExpectMsg("started leaf"); // restarting the escalator re-creates its child
    }

    [Fact]
    public void OneForOne_restarts_only_the_failed_child()
    {
        var pair = Sys.ActorOf(Props.Create(() => new Pair(TestActor))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart)));
        Assert.Equal(["started a", "started b"], ReceiveN(2).Order());

        pair.Tell(("a", (object)new InvalidOperationException("boom")));

        ExpectMsg("started a");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void AllForOne_restarts_all_children()
    {
        var pair = Sys.ActorOf(Props.Create(() => new Pair(TestActor))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        Assert.Equal(["started a", "started b"], ReceiveN(2).Order());

        pair.Tell(("a", (object)new InvalidOperationException("boom")));

        Assert.Equal(["started a", "started b"], ReceiveN(2).Order());
    }

    [Fact]
    public async Task AllForOne_stop_stops_all_children()
    {
        var pair = Sys.ActorOf(Props.Create(() => new Pair(TestActor))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Stop)));
        ReceiveN(2);
        var probe = CreateTestProbe();
        var children = await pair.Ask<IActorRef[]>("children", TestKit.TestKitSettings.DefaultTimeout);
        var (a, b) = (probe.Watch(children[0]), probe.Watch(children[1]));

        pair.Tell(("b", (object)new InvalidOperationException("boom")));

        Assert.Equal([a, b], probe.ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).OrderBy(r => r.Path.Name));
    }

    [Fact]
    public async Task Zero_retries_means_never_restart()
    {
        var parent = Sys.ActorOf(CounterUnder(TestActor, new OneForOneStrategy(0, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        ExpectMsg("started child");
        var child = Watch(await ChildOf(parent));

        parent.Tell(new InvalidOperationException("boom"));

        ExpectTerminated(child);
    }

    [Fact]
    public async Task More_failures_than_maxNrOfRetries_within_the_window_turn_restart_into_stop()
    {
        var parent = Sys.ActorOf(CounterUnder(TestActor, new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        ExpectMsg("started child");
        var child = Watch(await ChildOf(parent));

        parent.Tell(new InvalidOperationException("1"));
        ExpectMsg("started child");
        parent.Tell(new InvalidOperationException("2"));
        ExpectMsg("started child");
        parent.Tell(new InvalidOperationException("3"));

        ExpectTerminated(child);
    }

    [Fact]
    public async Task Minus_one_retries_means_unlimited()
    {
        var parent = Sys.ActorOf(CounterUnder(TestActor, new OneForOneStrategy(-1, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        ExpectMsg("started child");
        for (var i = 0; i < 20; i++)
        {
            parent.Tell(new InvalidOperationException("boom"));
            ExpectMsg("started child");
        }
        Assert.Equal(0, await parent.Ask<int>("get", TestKit.TestKitSettings.DefaultTimeout));
    }

    [Fact]
    public void Default_strategy_restarts_on_ordinary_exceptions()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new Counter(TestActor, "child")))));
        ExpectMsg("started child");
        parent.Tell(new InvalidOperationException("boom"));
        ExpectMsg("started child");
    }

    [Theory]
    [InlineData(typeof(ActorKilledException), Directive.Stop)]
    [InlineData(typeof(DeathPactException), Directive.Stop)]
    [InlineData(typeof(ActorInitializationException), Directive.Stop)]
    [InlineData(typeof(InvalidOperationException), Directive.Restart)]
    [InlineData(typeof(TimeoutException), Directive.Restart)]
    public void Default_decider_stops_on_kernel_failures_and_restarts_on_the_rest(Type exceptionType, Directive expected)
    {
        Exception exception = exceptionType == typeof(ActorKilledException) ? new ActorKilledException("k")
            : exceptionType == typeof(DeathPactException) ? new DeathPactException(TestActor)
            : exceptionType == typeof(ActorInitializationException) ? new ActorInitializationException(TestActor, "i", null)
            : (Exception)Activator.CreateInstance(exceptionType)!;
        Assert.Equal(expected, SupervisorStrategy.DefaultStrategy.Decider(exception));
        Assert.Equal(-1, SupervisorStrategy.DefaultStrategy.MaxNumberOfRetries);
        Assert.IsType<OneForOneStrategy>(SupervisorStrategy.DefaultStrategy);
    }

    [Fact]
    public async Task A_failed_actor_and_its_children_are_suspended_until_the_supervisor_decides()
    {
        using var decision = new Gate();
        // The supervisor's decider blocks until the test lets it resume, so the failed actor's child stays suspended.
        var supervisor = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new FailingParent(TestActor))))
            .WithSupervisorStrategy(new OneForOneStrategy(_ =>
            {
                decision.Enter();
                return Directive.Resume;
            })));
        ExpectMsg("started leaf");
        var failing = await ChildOf(supervisor);
        var leaf = await failing.Ask<IActorRef>("leaf?", TestKit.TestKitSettings.DefaultTimeout);

        failing.Tell(new InvalidOperationException("boom"));
        decision.WaitEntered();
        var reply = leaf.Ask<int>("get", TestKit.TestKitSettings.DefaultTimeout);
        await Task.Delay(200);
        Assert.False(reply.IsCompleted, "the child of a failed actor processed a message");

        decision.Open();
        Assert.Equal(0, await reply);
    }

    private static Task<IActorRef> ChildOf(IActorRef parent) =>
        parent.Ask<IActorRef>(ParentActor.GetChild.Instance, TestKit.TestKitSettings.DefaultTimeout);
}
