namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 10 (part): ScheduleTellOnce, ScheduleTellRepeatedly, cancellation.</summary>
public sealed class SchedulerTests : TestKit.TestKit
{
    private sealed class Counter : ReceiveActor
    {
        public Counter()
        {
            var ticks = 0;
            Receive<string>(m => m == "tick", _ => ticks++);
            Receive<string>(m => m == "count", _ => Sender.Tell(ticks));
        }
    }

    [Fact]
    public void ScheduleTellOnce_sends_after_the_delay_with_the_given_sender()
    {
        var sender = CreateTestProbe();
        var scheduledAt = System.Diagnostics.Stopwatch.StartNew();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "later", sender.Ref);

        ExpectMsg("later");
        Assert.True(scheduledAt.ElapsedMilliseconds >= 250, $"sent after {scheduledAt.ElapsedMilliseconds} ms"); // never early
        Assert.Equal(sender.Ref, LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public void A_cancelled_ScheduleTellOnce_never_sends()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "never", ActorRefs.NoSender);
        cancelable.Cancel();

        Assert.True(cancelable.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task ScheduleTellRepeatedly_sends_until_cancelled()
    {
        var counter = Sys.ActorOf(Props.Create<Counter>());
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), counter, "tick", ActorRefs.NoSender);
        while (await counter.Ask<int>("count", TestKit.TestKitSettings.DefaultTimeout) < 3)
            await Task.Delay(20);

        cancelable.Cancel();
        var atCancel = await counter.Ask<int>("count", TestKit.TestKitSettings.DefaultTimeout);
        await Task.Delay(300); // without the cancel this would be about 15 more ticks

        Assert.InRange(await counter.Ask<int>("count", TestKit.TestKitSettings.DefaultTimeout), atCancel, atCancel + 1);
    }

    [Fact]
    public async Task Terminating_the_system_cancels_pending_sends()
    {
        var system = ActorSystem.Create("scheduler");
        var cancelable = system.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TestActor, "x", ActorRefs.NoSender);
        await system.Terminate();
        Assert.True(cancelable.IsCancellationRequested);
    }
}
