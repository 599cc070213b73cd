namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 11: an async handler holds the mailbox until its task completes; failures after an await are supervised.</summary>
public sealed class AsyncHandlerTests : TestKit.TestKit
{
    private sealed class Waiter : ReceiveActor
    {
        public Waiter(IActorRef probe, Task release)
        {
            ReceiveAsync<string>(m => m == "slow", async _ =>
            {
                probe.Tell("slow started");
                await release;
                probe.Tell("slow done");
            });
            ReceiveAsync<string>(m => m == "fail later", async _ =>
            {
                await Task.Delay(10);
                throw new InvalidOperationException("after await");
            });
            ReceiveAsync<string>(m => m == "reply later", async _ =>
            {
                var sender = Sender;
                await Task.Delay(20);
                await Task.Yield();
                // Outside the actor Sender would be dead letters.
                Sender.Tell(ReferenceEquals(sender, Sender) ? "same sender" : "sender lost");
            });
            Receive<string>(m => probe.Tell("got " + m));
        }

    }

    [Fact]
    public void No_other_message_runs_until_the_async_handler_completes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new Waiter(TestActor, release.Task)));
        actor.Tell("slow");
        ExpectMsg("slow started");
        actor.Tell("next");

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        release.SetResult();

        ExpectMsg("slow done");
        ExpectMsg("got next");
    }

    [Fact]
    public async Task Sender_is_kept_across_awaits_because_continuations_run_inside_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Waiter(TestActor, Task.CompletedTask)));
        Assert.Equal("same sender", await actor.Ask<string>("reply later", TestKit.TestKitSettings.DefaultTimeout));
    }

    [Fact]
    public void An_exception_after_an_await_is_a_failure_handled_by_the_supervisor()
    {
        var parent = Sys.ActorOf(Support.ParentActor.Reporting(
            Props.Create(() => new Waiter(TestActor, Task.CompletedTask)), TestActor, Directive.Restart));

        parent.Tell("fail later");

        Assert.Equal("after await", ExpectMsg<InvalidOperationException>().Message);
        parent.Tell("still alive");
        ExpectMsg("got still alive");
    }
}
