using Microsoft.Extensions.Logging;
using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 9 and bounded mailboxes: undeliverable and unhandled messages are published and logged, never lost silently.</summary>
public sealed class DeadLetterTests : TestKit.TestKit
{
    private readonly CapturingLoggerFactory _logs;

    public DeadLetterTests()
        : this(new CapturingLoggerFactory())
    {
    }

    private DeadLetterTests(CapturingLoggerFactory logs)
        : base(new ActorSystemSettings { LoggerFactory = logs }) => _logs = logs;

    private sealed class OnlyStrings : ReceiveActor
    {
        public OnlyStrings(IActorRef probe, Gate? gate) => Receive<string>(m =>
        {
            if (m == "block") gate!.Enter();
            probe.Tell("processed " + m);
        });
    }

    [Fact]
    public void A_message_to_a_stopped_actor_is_published_as_DeadLetter_and_logged()
    {
        var actor = Watch(Sys.ActorOf(Props.Create(() => new OnlyStrings(TestActor, null)), "gone"));
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));

        actor.Tell("hello?", TestActor);

        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal(("hello?", actor, TestActor), (letter.Message, letter.Recipient, letter.Sender));
        Assert.Contains(_logs.Entries, e => e.Message.Contains("Dead letter", StringComparison.Ordinal) && e.Message.Contains("gone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_to_DeadLetters_is_published()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.DeadLetters.Tell("into the void", ActorRefs.NoSender);
        Assert.Equal("into the void", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void An_unhandled_message_is_published_as_UnhandledMessage_and_logged()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new OnlyStrings(TestActor, null)));

        actor.Tell(42, TestActor);

        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal((42, actor, TestActor), ((int)unhandled.Message, unhandled.Recipient, unhandled.Sender));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("Unhandled", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_bounded_mailbox_sends_new_messages_to_dead_letters()
    {
        using var gate = new Gate();
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new OnlyStrings(TestActor, gate)).WithMailboxCapacity(2));
        actor.Tell("block");
        gate.WaitEntered(); // "block" has left the mailbox: two places are free

        foreach (var m in new[] { "1", "2", "3", "4" }) actor.Tell(m);

        Assert.Equal(["3", "4"], ReceiveN(2).Cast<DeadLetter>().Select(d => d.Message));
        gate.Open();
        ExpectMsg("processed block");
        ExpectMsg("processed 1");
        ExpectMsg("processed 2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Terminated_subscribers_are_dropped_from_the_event_stream()
    {
        var subscriber = CreateTestProbe();
        Sys.EventStream.Subscribe(subscriber.Ref, typeof(DeadLetter));
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Watch(subscriber.Ref);
        Sys.Stop(subscriber.Ref);
        ExpectTerminated(subscriber.Ref);

        Sys.DeadLetters.Tell("one", ActorRefs.NoSender);

        Assert.Equal("one", ExpectMsg<DeadLetter>().Message);
        Assert.False(Sys.EventStream.Unsubscribe(subscriber.Ref));
    }
}
