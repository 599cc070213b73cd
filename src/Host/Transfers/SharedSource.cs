namespace Rmote.Transfers;

/// <summary>
/// One source read once for many uploads at a time (a fleet copy to many hosts). Each upload gets its own reader
/// (<see cref="OpenReader"/>); readers opened before the source was first read share one <em>pass</em> over it: every
/// chunk is read from the source once and handed to each of them, kept until the slowest one has taken it, and the
/// source is never read more than <c>window</c> chunks ahead of the slowest — memory stays within window × chunk size
/// whatever the size of the source and the number of readers (the price: the fastest host waits for the slowest one).
/// A reader opened after its pass moved on starts a new pass, which reads the source again (hosts that start later,
/// when the fleet's throttle frees a slot). Thread-safe.
/// </summary>
internal sealed class SharedSource(Func<Stream> open, int chunkSize, int window)
{
    private readonly Lock gate = new();
    private SharedSourcePass? current;

    /// <summary>How many passes over the source have been started: how many times it has been (or is being) read.</summary>
    public int Passes { get; private set; }

    /// <summary>A reader of the whole source, from its start; dispose it when done (a reader left open holds the others back).</summary>
    public Stream OpenReader()
    {
        lock (gate)
        {
            if (current?.TryJoin() is { } reader) return reader;
            current = new SharedSourcePass(open, chunkSize, window);
            Passes++;
            return current.TryJoin()!;
        }
    }
}
