using System.Collections.Concurrent;
using System.Diagnostics;
using Rmote.Actors;

namespace Rmote.TestKit;

/// <summary>
/// Expectations on the messages received by one test actor (<see cref="TestActor"/>), as in Akka.TestKit. Every wait
/// blocks on the queue (no polling) for at most the given timeout, by default <see cref="TestKitSettings.DefaultTimeout"/>
/// or what remains of the enclosing <see cref="Within(TimeSpan, Action)"/>.
/// </summary>
public abstract class TestKitBase
{
    private static int s_probeCount;
    private readonly BlockingCollection<ReceivedMessage> _queue = new();
    private long? _deadline;

    /// <summary>Creates the test actor in <paramref name="system"/>.</summary>
    protected TestKitBase(ActorSystem system, string namePrefix)
    {
        Sys = system;
        LastSender = system.DeadLetters;
        TestActor = system.ActorOf(
            Props.Create(() => new ProbeActor(_queue)),
            $"{namePrefix}{Interlocked.Increment(ref s_probeCount)}");
    }

    /// <summary>The system the test actor lives in.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The actor whose received messages the expectations check.</summary>
    public IActorRef TestActor { get; }

    /// <summary>Sender of the last message taken by an expectation (dead letters before the first).</summary>
    public IActorRef LastSender { get; private set; }

    /// <summary>The default timeout, or the time left of the enclosing <c>Within</c> block.</summary>
    public TimeSpan RemainingOrDefault => _deadline is { } deadline
        ? TimeSpan.FromTicks(Math.Max(0, deadline - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)
        : TestKitSettings.DefaultTimeout;

    /// <summary><paramref name="duration"/> stretched by <see cref="TestKitSettings.TimeFactor"/>.</summary>
    public static TimeSpan Dilated(TimeSpan duration) => TestKitSettings.Dilated(duration);

    /// <summary>Expects a message of type <typeparamref name="T"/> next.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout, "any");

    /// <summary>Expects a message equal to <paramref name="message"/> next.</summary>
    public T ExpectMsg<T>(T message, TimeSpan? timeout = null) =>
        ExpectMsg<T>(m => Equals(m, message), timeout, $"equal to {message}");

    /// <summary>Expects a message of type <typeparamref name="T"/> that satisfies <paramref name="isMessage"/> next.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null) => ExpectMsg(isMessage, timeout, "matching the predicate");

    /// <summary>Expects no message during <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_queue.TryTake(out var received, duration))
            throw new TestKitAssertionException($"Expected no message for {duration.TotalMilliseconds:F0} ms, received {Describe(received)}.");
    }

    /// <summary>Expects no message during 100 ms (dilated).</summary>
    public void ExpectNoMsg() => ExpectNoMsg(Dilated(TimeSpan.FromMilliseconds(100)));

    /// <summary>Watches <paramref name="actor"/> with the test actor (needed before <see cref="ExpectTerminated"/>).</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Ask<ProbeActor.WatchCommand>(new ProbeActor.WatchCommand(actor), RemainingOrDefault).GetAwaiter().GetResult();
        return actor;
    }

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Ask<ProbeActor.UnwatchCommand>(new ProbeActor.UnwatchCommand(actor), RemainingOrDefault).GetAwaiter().GetResult();
        return actor;
    }

    /// <summary>Expects the <see cref="Terminated"/> of a watched actor next.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(actor), timeout, $"Terminated of {actor.Path}");

    /// <summary>Receives the next <paramref name="count"/> messages, whatever they are, within one timeout.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + ToTimestampTicks(timeout ?? RemainingOrDefault);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var left = TimeSpan.FromTicks(Math.Max(0, deadline - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            if (!_queue.TryTake(out var received, left))
                throw new TestKitAssertionException($"Expected {count} messages, received only {messages.Count} in time: [{string.Join(", ", messages)}].");
            LastSender = received.Sender;
            messages.Add(received.Message);
        }
        return messages;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/> and returns it.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + ToTimestampTicks(timeout ?? RemainingOrDefault);
        var skipped = new List<object>();
        while (true)
        {
            var left = TimeSpan.FromTicks(Math.Max(0, deadline - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            if (!_queue.TryTake(out var received, left))
                throw new TestKitAssertionException($"No matching message in time; skipped [{string.Join(", ", skipped)}].");
            LastSender = received.Sender;
            if (isMessage(received.Message)) return received.Message;
            skipped.Add(received.Message);
        }
    }

    /// <summary>Replies to <see cref="LastSender"/> with the test actor as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>
    /// Runs <paramref name="action"/>, failing if it takes longer than <paramref name="max"/> (dilated); expectations
    /// inside default to the time left.
    /// </summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, () =>
    {
        action();
        return true;
    });

    /// <summary>As <see cref="Within(TimeSpan, Action)"/>, returning the block's result.</summary>
    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    /// <summary>As <see cref="Within(TimeSpan, Action)"/>, also failing if the block ends before <paramref name="min"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    /// <summary>As <see cref="Within(TimeSpan, TimeSpan, Action)"/>, returning the block's result.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var dilatedMax = Dilated(max);
        var start = Stopwatch.GetTimestamp();
        var outer = _deadline;
        var deadline = start + ToTimestampTicks(dilatedMax);
        _deadline = outer is { } o ? Math.Min(o, deadline) : deadline;
        try
        {
            var result = function();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed > dilatedMax)
                throw new TestKitAssertionException($"The block took {elapsed.TotalMilliseconds:F0} ms, more than {dilatedMax.TotalMilliseconds:F0} ms.");
            if (elapsed < min)
                throw new TestKitAssertionException($"The block took {elapsed.TotalMilliseconds:F0} ms, less than {min.TotalMilliseconds:F0} ms.");
            return result;
        }
        finally
        {
            _deadline = outer;
        }
    }

    private T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout, string what)
    {
        var wait = timeout ?? RemainingOrDefault;
        if (!_queue.TryTake(out var received, wait))
            throw new TestKitAssertionException($"Timeout ({wait.TotalMilliseconds:F0} ms) waiting for a message of type {typeof(T).Name} ({what}).");
        LastSender = received.Sender;
        if (received.Message is T typed && isMessage(typed)) return typed;
        throw new TestKitAssertionException($"Expected a message of type {typeof(T).Name} ({what}), received {Describe(received)}.");
    }

    private static string Describe(ReceivedMessage received) =>
        $"{received.Message.GetType().Name} {received.Message} from {received.Sender.Path}";

    private static long ToTimestampTicks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
