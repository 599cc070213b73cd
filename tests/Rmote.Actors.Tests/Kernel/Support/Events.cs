namespace Rmote.Actors.Tests.Kernel.Support;

/// <summary>A thread-safe, ordered record of what happened, shared by the actors of one test.</summary>
public sealed class Events
{
    private readonly object _lock = new(); // Monitor.Wait needs a plain object
    private readonly List<string> _items = [];

    public void Add(string item)
    {
        lock (_lock)
        {
            _items.Add(item);
            Monitor.PulseAll(_lock);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock) return _items.ToArray();
    }

    /// <summary>Blocks until <paramref name="item"/> has happened (fails after the TestKit's default timeout).</summary>
    public void WaitFor(string item)
    {
        var deadline = DateTime.UtcNow + TestKit.TestKitSettings.DefaultTimeout;
        lock (_lock)
        {
            while (!_items.Contains(item))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) Assert.Fail($"'{item}' did not happen; events: [{string.Join(", ", _items)}]");
                Monitor.Wait(_lock, left);
            }
        }
    }

    public int IndexOf(string item)
    {
        var index = Snapshot().ToList().IndexOf(item);
        Assert.True(index >= 0, $"'{item}' did not happen; events: [{this}]");
        return index;
    }

    public override string ToString() => string.Join(", ", Snapshot());
}
