using System.Diagnostics;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Connection;

// Invokes: started on the live link's hot path while fewer than MaxCallsInFlight run, else queued (bounded). Each one
// is answered exactly once — by its completion, its queue timeout, or the connection's end: a running invoke's answer
// is claimed by whichever comes first. A completion answers its sender straight from the call's continuation (no hop
// through this mailbox on the way back), then tells this actor to free the slot; a connection that gives up claims
// and fails the rest before it stops, so those failures reach their senders before its Terminated does.
internal sealed partial class ConnectionActor
{
    private readonly InvokeQueue waiting;
    private readonly Dictionary<long, Running> running = [];
    private long lastSequence;

    /// <summary>A started invoke has been answered; its slot is free.</summary>
    private sealed record InvokeDone(long Sequence) : IDeadLetterSuppression;

    /// <summary>A started invoke: who to answer, once, and how to abandon it (<see cref="CancelInvoke"/>).</summary>
    private sealed class Running(IActorRef sender, long correlationId, IActorRef connection)
    {
        private int answered;

        public IActorRef Sender => sender;

        public long CorrelationId => correlationId;

        /// <summary>Fired by a <see cref="CancelInvoke"/>: the link ends the call and sends CANCEL to the agent.</summary>
        public CancellationTokenSource Cancellation { get; } = new();

        /// <summary>Answers the sender (from the connection) unless someone did already.</summary>
        public void TryAnswer(object? value, Exception? failure)
        {
            if (Interlocked.Exchange(ref answered, 1) == 0) Reply(sender, correlationId, value, failure, connection);
        }
    }

    /// <summary>The timer of a queued invoke: its timeout passed while it waited.</summary>
    private sealed record QueuedTimeout(long Sequence) : IDeadLetterSuppression;

    private void ReceiveInvokes(bool connected)
    {
        Receive<Invoke>(invoke => OnInvoke(invoke.Call, invoke.CorrelationId, invoke.Timeout, null, connected));
        Receive<InvokeWithInput>(invoke => OnInvoke(invoke.Call, invoke.CorrelationId, invoke.Timeout, invoke.Input, connected));
        Receive<InvokeDone>(OnInvokeDone);
        Receive<QueuedTimeout>(OnQueuedTimeout);
        Receive<CancelInvoke>(OnCancel);
        ReceiveStreams();
    }

    private void OnInvoke(ToolCall call, long correlationId, TimeSpan? timeout, InvokeInput? input, bool connected)
    {
        ToolMethod method;
        TimeSpan? limit;
        try
        {
            ArgumentNullException.ThrowIfNull(call, nameof(Invoke.Call));
            method = call.Resolve();
            limit = Limit(timeout);
        }
        catch (ArgumentException invalid)
        {
            Sender.Tell(new Status.Failure(invalid, correlationId));
            return;
        }
        var entry = new InvokeQueue.Waiting(++lastSequence, Sender, correlationId, method, call.Arguments, limit, Stopwatch.GetTimestamp(), input);
        if (connected && waiting.Count == 0 && running.Count < settings.MaxCallsInFlight)
        {
            Start(entry, limit);
            return;
        }
        if (!waiting.TryEnqueue(entry))
        {
            Sender.Tell(new Status.Failure(new InvokeQueueFullException(
                $"The connection to {connector.Target} already holds {running.Count} invokes in flight and {waiting.Count} waiting (RmoteOptions.MaxQueuedInvokes); nothing was sent."),
                correlationId));
            return;
        }
        if (limit is { } bound) Timers.StartSingleTimer(new QueuedTimeout(entry.Sequence), new QueuedTimeout(entry.Sequence), bound);
    }

    private void Start(InvokeQueue.Waiting entry, TimeSpan? limit)
    {
        var started = running[entry.Sequence] = new Running(entry.Sender, entry.CorrelationId, Self);
        var link = live!.Value.Link;
        var call = entry.Input is { } input
            ? link.InvokeWithInputAsync(entry.Method, entry.Arguments, input.Source, input.ChunkSize, input.Sent, limit, started.Cancellation.Token)
            : link.InvokeAsync(entry.Method, entry.Arguments, limit, started.Cancellation.Token);
        _ = AnswerAsync(call, started, entry.Sequence, Self);
    }

    // Runs off the actor (a continuation of the call): it touches only the entry's claim and sends messages.
    private static async Task AnswerAsync(Task<object?> call, Running started, long sequence, IActorRef self)
    {
        object? value = null;
        Exception? failure = null;
        try
        {
            value = await call.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }
        started.TryAnswer(value, failure);
        self.Tell(new InvokeDone(sequence), ActorRefs.NoSender);
    }

    /// <summary>Starts queued invokes while the link is up and has room.</summary>
    private void StartWaiting()
    {
        while (live is not null && running.Count < settings.MaxCallsInFlight && waiting.TryDequeue(out var next))
        {
            Timers.Cancel(new QueuedTimeout(next.Sequence));
            var left = next.Remaining;
            if (left <= TimeSpan.Zero) Reply(next.Sender, next.CorrelationId, null, TimedOut(next.Limit!.Value));
            else Start(next, left);
        }
    }

    private void OnInvokeDone(InvokeDone done)
    {
        if (!running.Remove(done.Sequence, out var finished)) return;
        finished.Cancellation.Dispose();
        StartWaiting();
    }

    // Rare, so a scan: the hot path keeps no index by sender. A running invoke is answered by its own continuation
    // (the link fails it with OperationCanceledException at once), a waiting one here.
    private void OnCancel(CancelInvoke cancel)
    {
        foreach (var started in running.Values)
            if (started.CorrelationId == cancel.CorrelationId && started.Sender.Equals(Sender)) started.Cancellation.Cancel();
        foreach (var queued in waiting.RemoveAll(w => w.CorrelationId == cancel.CorrelationId && w.Sender.Equals(Sender)))
        {
            Timers.Cancel(new QueuedTimeout(queued.Sequence));
            Reply(queued.Sender, queued.CorrelationId, null, new OperationCanceledException(
                $"The call to {connector.Target} was cancelled while it waited in the connection's queue; nothing was sent."));
        }
    }

    private void OnQueuedTimeout(QueuedTimeout timeout)
    {
        if (waiting.TryRemove(timeout.Sequence, out var expired))
            Reply(expired.Sender, expired.CorrelationId, null, TimedOut(expired.Limit!.Value));
    }

    private void FailAll(Exception reason)
    {
        foreach (var started in running.Values)
        {
            started.TryAnswer(null, reason);
            started.Cancellation.Dispose();
        }
        running.Clear();
        foreach (var queued in waiting.Drain()) Reply(queued.Sender, queued.CorrelationId, null, reason);
        FailStreams(reason);
    }

    private void Reply(IActorRef sender, long correlationId, object? value, Exception? failure) =>
        Reply(sender, correlationId, value, failure, Self);

    private static void Reply(IActorRef sender, long correlationId, object? value, Exception? failure, IActorRef connection) =>
        sender.Tell(failure is null ? new InvokeResult(correlationId, value) : new Status.Failure(failure, correlationId), connection);

    private TimeoutException TimedOut(TimeSpan limit) =>
        new($"The call to {connector.Target} did not complete within {limit.TotalMilliseconds:0} ms: it was still waiting in the connection's queue (state {holder.State}).");

    // Infinite means none; null means the connection's default; anything else must be positive.
    private TimeSpan? Limit(TimeSpan? timeout) =>
        timeout == System.Threading.Timeout.InfiniteTimeSpan ? null
        : timeout is null ? settings.CallTimeout
        : timeout > TimeSpan.Zero ? timeout
        : throw new ArgumentOutOfRangeException(nameof(Invoke.Timeout), timeout, "An invoke's timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
}
