using System.Collections.Concurrent;

namespace Rmote.Actors;

// The mailbox. Producers enqueue lock-free and schedule the cell as a thread-pool work item at most once at a time
// (the _scheduled flag). A run handles every queued system message before each user message, and at most
// Settings.Throughput user messages, then yields the thread so one busy actor cannot starve the others.
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<Envelope> _mailbox = new();
    private readonly ConcurrentQueue<SystemMessage> _systemMailbox = new();
    private readonly int _capacity;
    private readonly int _throughput;
    private int _queued;
    private Queue<Envelope>? _prepended;
    private int _scheduled;
    private int _systemPending; // cheaper to poll before every user message than _systemMailbox.IsEmpty
    private volatile bool _closed;

    /// <summary>Whether the actor has terminated: its mailbox is closed for good.</summary>
    public bool IsTerminated => _closed;

    private bool CanProcessUserMessages =>
        _actor is not null && _suspendCount == 0 && _pendingTask is null && !_terminating;

    /// <summary>Queues a user message; a closed or full mailbox sends it to dead letters instead.</summary>
    internal void SendUser(object message, IActorRef? sender) => Enqueue(message, sender, bounded: true);

    internal void SendSystem(SystemMessage message)
    {
        _systemMailbox.Enqueue(message);
        Interlocked.Increment(ref _systemPending);
        Schedule();
    }

    /// <summary>Puts messages back in front of the mailbox (unstash), keeping their order.</summary>
    internal void Prepend(IEnumerable<Envelope> envelopes)
    {
        var queue = new Queue<Envelope>(envelopes);
        if (_prepended is not null)
        {
            foreach (var envelope in _prepended) queue.Enqueue(envelope);
        }
        _prepended = queue;
    }

    /// <remarks>The kernel's own messages to the actor (Terminated, ReceiveTimeout) ignore the bound.</remarks>
    private void Enqueue(object message, IActorRef? sender, bool bounded)
    {
        if (_closed)
        {
            System.PublishDeadLetter(message, sender, SelfRef);
            return;
        }
        if (_capacity > 0 && Interlocked.Increment(ref _queued) > _capacity && bounded)
        {
            Interlocked.Decrement(ref _queued);
            System.PublishDeadLetter(message, sender, SelfRef);
            return;
        }
        _mailbox.Enqueue(new Envelope(message, sender));
        Schedule();
    }

    private void Schedule()
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Execute()
    {
        var outerContext = SynchronizationContext.Current;
        t_current = this;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            Run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outerContext);
            t_current = null;
            // Full fence: a producer that saw _scheduled == 1 has enqueued before this, so the check below sees its item.
            Interlocked.Exchange(ref _scheduled, 0);
            if (HasWork()) Schedule();
        }
    }

    private void Run()
    {
        // _closed only changes while system messages are handled, so it is checked after them, not per user message.
        var budget = _throughput;
        while (!_closed)
        {
            if (Volatile.Read(ref _systemPending) != 0)
            {
                ProcessSystemMessages();
                continue;
            }
            if (!CanProcessUserMessages || budget-- == 0 || !TryDequeue(out var envelope)) return;
            Invoke(envelope);
        }
        // Terminated: answer late system messages as a dead actor, hand queued user messages to dead letters.
        ProcessSystemMessages();
        DrainToDeadLetters();
    }

    private bool HasWork() =>
        Volatile.Read(ref _systemPending) != 0
        || ((_closed || CanProcessUserMessages) && (!_mailbox.IsEmpty || _prepended is { Count: > 0 }));

    private bool TryDequeue(out Envelope envelope)
    {
        if (_prepended is { Count: > 0 } prepended)
        {
            envelope = prepended.Dequeue();
            return true;
        }
        if (!_mailbox.TryDequeue(out envelope)) return false;
        if (_capacity > 0) Interlocked.Decrement(ref _queued);
        return true;
    }

    private void DrainToDeadLetters()
    {
        while (TryDequeue(out var envelope)) System.PublishDeadLetter(envelope.Message, envelope.Sender, SelfRef);
    }
}
