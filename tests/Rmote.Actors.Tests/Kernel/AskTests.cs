using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 8: Ask's temporary reply target, first reply wins, failures, wrong type, timeout, cancellation.</summary>
public sealed class AskTests : TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(m => m == "twice", _ =>
            {
                Sender.Tell("first");
                Sender.Tell("second");
            });
            Receive<string>(m => m == "silence", _ => { });
            Receive<string>(m => m == "wrong type", _ => Sender.Tell(42));
            Receive<Exception>(e => Sender.Tell(new Status.Failure(e)));
            Receive<string>(m => Sender.Tell(m));
        }
    }

    private IActorRef NewReplier() => Sys.ActorOf(Props.Create<Replier>());

    [Fact]
    public async Task The_first_reply_wins_and_later_ones_are_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Assert.Equal("first", await NewReplier().Ask<string>("twice", TestKit.TestKitSettings.DefaultTimeout));
        Assert.Equal("second", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var cause = new InvalidOperationException("nope");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => NewReplier().Ask<string>(cause, TestKit.TestKitSettings.DefaultTimeout));
        Assert.Same(cause, thrown);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_is_an_ArgumentException()
    {
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => NewReplier().Ask<string>("wrong type", TestKit.TestKitSettings.DefaultTimeout));
        Assert.Contains("Int32", thrown.Message);
    }

    [Fact]
    public async Task No_reply_within_the_timeout_is_an_AskTimeoutException()
    {
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<AskTimeoutException>(() => NewReplier().Ask<string>("silence", TimeSpan.FromMilliseconds(100)));
        Assert.True(DateTime.UtcNow - started < TestKit.TestKitSettings.DefaultTimeout);
    }

    [Fact]
    public async Task The_default_timeout_comes_from_the_settings()
    {
        var system = ActorSystem.Create("asktimeout", new ActorSystemSettings { AskTimeout = TimeSpan.FromMilliseconds(100) });
        try
        {
            var silent = system.ActorOf(Props.Create<Replier>());
            await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>("silence"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Cancellation_ends_the_ask()
    {
        using var cts = new CancellationTokenSource();
        var ask = NewReplier().Ask<string>("silence", cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task A_late_reply_after_a_timeout_goes_to_dead_letters()
    {
        using var gate = new Gate();
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var slow = Sys.ActorOf(Props.Create(() => new SlowReplier(gate)));
        await Assert.ThrowsAsync<AskTimeoutException>(() => slow.Ask<string>("hi", TimeSpan.FromMilliseconds(50)));
        gate.Open();
        Assert.Equal("late", ExpectMsg<DeadLetter>().Message);
    }

    private sealed class SlowReplier : ReceiveActor
    {
        public SlowReplier(Gate gate) => Receive<string>(_ =>
        {
            gate.Enter();
            Sender.Tell("late");
        });
    }
}
