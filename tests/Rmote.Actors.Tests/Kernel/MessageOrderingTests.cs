using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 1: per-sender order, one message at a time, system messages overtake user messages.</summary>
public sealed class MessageOrderingTests : TestKit.TestKit
{
    private sealed record Seq(int Sender, int N);

    private sealed class Recorder : ReceiveActor
    {
        public Recorder()
        {
            var received = new List<Seq>();
            Receive<Seq>(received.Add);
            Receive<string>(_ => Sender.Tell(received.ToArray()));
        }
    }

    private sealed class ConcurrencyMeter : ReceiveActor
    {
        private int _inside;
        private int _max;

        public ConcurrencyMeter()
        {
            Receive<int>(_ =>
            {
                _max = Math.Max(_max, Interlocked.Increment(ref _inside));
                Thread.SpinWait(20);
                Interlocked.Decrement(ref _inside);
            });
            Receive<string>(_ => Sender.Tell(_max));
        }
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(Gate gate, IActorRef probe) => Receive<string>(m =>
        {
            if (m == "block") gate.Enter();
            probe.Tell("processed " + m);
        });
    }

    [Fact]
    public async Task Messages_from_each_sender_arrive_in_send_order()
    {
        const int senders = 4, perSender = 20_000;
        var recorder = Sys.ActorOf(Props.Create<Recorder>());
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++) recorder.Tell(new Seq(s, i), ActorRefs.NoSender);
        })));

        var received = await recorder.Ask<Seq[]>("report", TestKit.TestKitSettings.DefaultTimeout);

        Assert.Equal(senders * perSender, received.Length);
        for (var s = 0; s < senders; s++)
            Assert.Equal(Enumerable.Range(0, perSender), received.Where(m => m.Sender == s).Select(m => m.N));
    }

    [Fact]
    public async Task An_actor_processes_one_message_at_a_time_even_with_concurrent_senders()
    {
        var meter = Sys.ActorOf(Props.Create<ConcurrencyMeter>());
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++) meter.Tell(i, ActorRefs.NoSender);
        })));

        Assert.Equal(1, await meter.Ask<int>("max", TestKit.TestKitSettings.DefaultTimeout));
    }

    [Fact]
    public void A_stop_overtakes_queued_user_messages()
    {
        using var gate = new Gate();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate, TestActor)));
        Watch(actor);
        actor.Tell("block", ActorRefs.NoSender);
        gate.WaitEntered();
        actor.Tell("queued 1", ActorRefs.NoSender);
        actor.Tell("queued 2", ActorRefs.NoSender);

        Sys.Stop(actor); // queued behind two user messages, handled before them
        gate.Open();

        ExpectMsg("processed block");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
