using System.Diagnostics;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Connection;

// Invokes: started on the live link's hot path while fewer than MaxCallsInFlight run, else queued (bounded). Each one
// is answered exactly once — by its completion, its queue timeout, or the connection's end — and always from this
// actor, so the failures of a connection that gives up reach their senders before its Terminated does.
internal sealed partial class ConnectionActor
{
    private readonly InvokeQueue waiting;
    private readonly Dictionary<long, (IActorRef Sender, long CorrelationId)> running = [];
    private long lastSequence;

    /// <summary>A started invoke finished on the link (<see cref="Failure"/> null: success).</summary>
    private sealed record InvokeDone(long Sequence, object? Value, Exception? Failure) : IDeadLetterSuppression;

    /// <summary>The timer of a queued invoke: its timeout passed while it waited.</summary>
    private sealed record QueuedTimeout(long Sequence) : IDeadLetterSuppression;

    private void ReceiveInvokes(bool connected)
    {
        Receive<Invoke>(invoke => OnInvoke(invoke, connected));
        Receive<InvokeDone>(OnInvokeDone);
        Receive<QueuedTimeout>(OnQueuedTimeout);
    }

    private void OnInvoke(Invoke invoke, bool connected)
    {
        ToolMethod method;
        TimeSpan? limit;
        try
        {
            ArgumentNullException.ThrowIfNull(invoke.Call, nameof(invoke.Call));
            method = invoke.Call.Resolve();
            limit = Limit(invoke.Timeout);
        }
        catch (ArgumentException invalid)
        {
            Sender.Tell(new Status.Failure(invalid, invoke.CorrelationId));
            return;
        }
        var entry = new InvokeQueue.Waiting(++lastSequence, Sender, invoke.CorrelationId, method, invoke.Call.Arguments, limit, Stopwatch.GetTimestamp());
        if (connected && waiting.Count == 0 && running.Count < settings.MaxCallsInFlight)
        {
            Start(entry, limit);
            return;
        }
        if (!waiting.TryEnqueue(entry))
        {
            Sender.Tell(new Status.Failure(new InvokeQueueFullException(
                $"The connection to {connector.Target} already holds {running.Count} invokes in flight and {waiting.Count} waiting (RmoteOptions.MaxQueuedInvokes); nothing was sent."),
                invoke.CorrelationId));
            return;
        }
        if (limit is { } bound) Timers.StartSingleTimer(new QueuedTimeout(entry.Sequence), new QueuedTimeout(entry.Sequence), bound);
    }

    private void Start(InvokeQueue.Waiting entry, TimeSpan? limit)
    {
        running[entry.Sequence] = (entry.Sender, entry.CorrelationId);
        var sequence = entry.Sequence;
        live!.Value.Link.InvokeAsync(entry.Method, entry.Arguments, limit, CancellationToken.None)
            .PipeTo(Self, success: value => new InvokeDone(sequence, value, null), failure: e => new InvokeDone(sequence, null, e));
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
        if (!running.Remove(done.Sequence, out var asked)) return;   // already answered: the connection closed meanwhile
        Reply(asked.Sender, asked.CorrelationId, done.Value, done.Failure);
        StartWaiting();
    }

    private void OnQueuedTimeout(QueuedTimeout timeout)
    {
        if (waiting.TryRemove(timeout.Sequence, out var expired))
            Reply(expired.Sender, expired.CorrelationId, null, TimedOut(expired.Limit!.Value));
    }

    private void FailAll(Exception reason)
    {
        foreach (var (sender, correlationId) in running.Values) Reply(sender, correlationId, null, reason);
        running.Clear();
        foreach (var queued in waiting.Drain()) Reply(queued.Sender, queued.CorrelationId, null, reason);
    }

    private static void Reply(IActorRef sender, long correlationId, object? value, Exception? failure) =>
        sender.Tell(failure is null ? new InvokeResult(correlationId, value) : new Status.Failure(failure, correlationId));

    private TimeoutException TimedOut(TimeSpan limit) =>
        new($"The call to {connector.Target} did not complete within {limit.TotalMilliseconds:0} ms: it was still waiting in the connection's queue (state {holder.State}).");

    // Infinite means none; null means the connection's default; anything else must be positive.
    private TimeSpan? Limit(TimeSpan? timeout) =>
        timeout == System.Threading.Timeout.InfiniteTimeSpan ? null
        : timeout is null ? settings.CallTimeout
        : timeout > TimeSpan.Zero ? timeout
        : throw new ArgumentOutOfRangeException(nameof(Invoke.Timeout), timeout, "An invoke's timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
}
