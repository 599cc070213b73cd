using Rmote.TestKit;

namespace Rmote.Actors.Tests.TestKitTests;

/// <summary>The TestKit itself: expectations pass on the right messages and fail clearly (and in bounded time) otherwise.</summary>
public sealed class TestProbeTests : Rmote.TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void ExpectMsg_overloads_match_type_value_and_predicate()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("text", TestActor);
        probe.Ref.Tell(42, TestActor);
        probe.Ref.Tell(7, TestActor);

        Assert.Equal("text", probe.ExpectMsg<string>());
        Assert.Equal(42, probe.ExpectMsg(42));
        Assert.Equal(7, probe.ExpectMsg<int>(n => n < 10));
        Assert.Equal(TestActor, probe.Sender);
    }

    [Fact]
    public void ExpectMsg_fails_with_an_assertion_on_a_different_message()
    {
        TestActor.Tell("surprise", ActorRefs.NoSender);
        var failure = Assert.Throws<TestKitAssertionException>(() => ExpectMsg(42));
        Assert.Contains("surprise", failure.Message);
    }

    [Fact]
    public void ExpectMsg_fails_after_its_timeout_when_nothing_arrives()
    {
        var failure = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Timeout", failure.Message);
        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(failure);
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("unexpected", ActorRefs.NoSender);
        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void ReceiveN_and_FishForMessage_take_messages_in_order()
    {
        foreach (var m in new object[] { 1, 2, "skip", 3.0, "target", "after" }) TestActor.Tell(m, ActorRefs.NoSender);

        Assert.Equal([1, 2], ReceiveN(2));
        Assert.Equal("target", FishForMessage(m => m is "target"));
        ExpectMsg("after");
    }

    [Fact]
    public void ReceiveN_fails_when_too_few_messages_arrive()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        var failure = Assert.Throws<TestKitAssertionException>(() => ReceiveN(2, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("only 1", failure.Message);
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_it_and_fails_a_slow_block()
    {
        Within(TimeSpan.FromSeconds(1), () => Assert.InRange(RemainingOrDefault, TimeSpan.Zero, Dilated(TimeSpan.FromSeconds(1))));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failure = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>()));
        Assert.Contains("Timeout", failure.Message);
        Assert.True(watch.Elapsed < TestKitSettings.DefaultTimeout, "ExpectMsg inside Within waited its full default timeout");

        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(10), () => Thread.Sleep(TestKitSettings.Dilated(TimeSpan.FromMilliseconds(100)))));
    }

    [Fact]
    public void Reply_answers_the_last_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        Assert.Equal(echo, probe.LastSender);

        probe.Reply("pong"); // echo sends it back to the probe
        probe.ExpectMsg("pong");
    }

    [Fact]
    public void ExpectTerminated_sees_a_watched_actor_stop()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        probe.Watch(echo);
        echo.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        Assert.Equal(echo, probe.ExpectTerminated(echo).ActorRef);
    }

    [Fact]
    public void The_default_timeout_is_three_seconds_times_the_time_factor()
    {
        Assert.Equal(TimeSpan.FromSeconds(3) * TestKitSettings.TimeFactor, TestKitSettings.DefaultTimeout);
        Assert.Equal(TestKitSettings.DefaultTimeout, RemainingOrDefault);
    }
}
