using System.Diagnostics;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Connection;

/// <summary>
/// The invokes waiting for the connection: while it (re)connects, and beyond <c>MaxCallsInFlight</c>. First in, first
/// out; bounded (past <see cref="Capacity"/> an invoke is refused, so memory never grows without limit); an entry can
/// also leave early when its timeout passes. Owned by the <see cref="ConnectionActor"/> (not thread-safe).
/// </summary>
internal sealed class InvokeQueue(int capacity)
{
    private readonly LinkedList<Waiting> order = new();
    private readonly Dictionary<long, LinkedListNode<Waiting>> bySequence = [];

    /// <summary>One waiting invoke: who asked, what to call, its bound (<see langword="null"/>: none) and what it streams to the tool.</summary>
    public sealed record Waiting(long Sequence, IActorRef Sender, long CorrelationId, ToolMethod Method, byte[] Arguments,
        TimeSpan? Limit, long Arrived, InvokeInput? Input = null)
    {
        /// <summary>What is left of the bound now; <see langword="null"/> when there is none.</summary>
        public TimeSpan? Remaining => Limit - Stopwatch.GetElapsedTime(Arrived);
    }

    /// <summary>How many invokes may wait.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>How many invokes wait.</summary>
    public int Count => order.Count;

    /// <summary>Adds an invoke at the end; false when the queue is full.</summary>
    public bool TryEnqueue(Waiting waiting)
    {
        if (order.Count >= Capacity) return false;
        bySequence[waiting.Sequence] = order.AddLast(waiting);
        return true;
    }

    /// <summary>Takes the oldest invoke.</summary>
    public bool TryDequeue(out Waiting waiting)
    {
        if (order.First is not { } first)
        {
            waiting = null!;
            return false;
        }
        order.RemoveFirst();
        bySequence.Remove(first.Value.Sequence);
        waiting = first.Value;
        return true;
    }

    /// <summary>Takes the invoke with <paramref name="sequence"/> out of the queue (its timeout passed).</summary>
    public bool TryRemove(long sequence, out Waiting waiting)
    {
        if (!bySequence.Remove(sequence, out var node))
        {
            waiting = null!;
            return false;
        }
        order.Remove(node);
        waiting = node.Value;
        return true;
    }

    /// <summary>Takes every invoke matching <paramref name="match"/> out of the queue, oldest first.</summary>
    public List<Waiting> RemoveAll(Func<Waiting, bool> match)
    {
        var removed = order.Where(match).ToList();
        foreach (var waiting in removed) TryRemove(waiting.Sequence, out _);
        return removed;
    }

    /// <summary>Empties the queue, oldest first.</summary>
    public IEnumerable<Waiting> Drain()
    {
        while (TryDequeue(out var waiting)) yield return waiting;
    }
}
