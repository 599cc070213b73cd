namespace Rmote.Actors;

// The children registry. Names are reserved from ActorOf until the child has terminated (the child releases its own
// name before anyone learns that it terminated). Guarded by a lock because top-level actors are created from any thread.
internal sealed partial class ActorCell
{
    private const string NameChars = "-_.:@&=+,!~*';$";

    private readonly Lock _childrenLock = new();
    private readonly Dictionary<string, ChildRestartStats> _children = new(StringComparer.Ordinal);
    private int _stoppingChildren;
    private long _nextName;
    private ChildrenWait _waitingFor;

    public IReadOnlyCollection<IActorRef> Children => ChildrenSnapshot();

    public IActorRef? Child(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var stats) ? stats.Child : null;
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = "$" + NextName();
        else ValidateName(name);
        ActorCell child;
        lock (_childrenLock)
        {
            if (_terminating) throw new InvalidOperationException($"Cannot create actor [{name}]: {SelfRef.Path} is stopping.");
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"Actor name [{name}] is not unique under {SelfRef.Path}: that child has not terminated yet.");
            child = new ActorCell(System, props, SelfRef, this, SelfRef.Path.Child(name));
            _children.Add(name, new ChildRestartStats(child.SelfRef));
        }
        child.Start();
        return child.SelfRef;
    }

    public void Stop(IActorRef actor)
    {
        var target = AsKernelRef(actor);
        lock (_childrenLock)
        {
            if (FindChildLocked(target) is { IsStopping: false } stats)
            {
                stats.IsStopping = true;
                _stoppingChildren++;
            }
        }
        target.SendSystem(Terminate.Instance);
    }

    /// <summary>Called by a terminating child: its name is free from now on.</summary>
    internal void RemoveChild(ActorCell child)
    {
        lock (_childrenLock)
        {
            if (FindChildLocked(child.SelfRef) is not { } stats) return;
            _children.Remove(child.SelfRef.Path.Name);
            if (stats.IsStopping) _stoppingChildren--;
        }
    }

    private ChildRestartStats? FindChild(IActorRef child)
    {
        lock (_childrenLock) return FindChildLocked(child);
    }

    private ChildRestartStats? FindChildLocked(IActorRef child) =>
        _children.TryGetValue(child.Path.Name, out var stats) && ReferenceEquals(stats.Child, child) ? stats : null;

    private LocalActorRef[] ChildrenSnapshot()
    {
        lock (_childrenLock) return _children.Values.Select(s => s.Child).ToArray();
    }

    private ChildRestartStats[] LiveChildStats()
    {
        lock (_childrenLock) return _children.Values.Where(s => !s.IsStopping).ToArray();
    }

    private void StopAllChildren()
    {
        foreach (var child in ChildrenSnapshot()) Stop(child);
    }

    /// <summary>
    /// Arranges for <paramref name="reason"/> to be carried out when the last stopping child has terminated;
    /// <see langword="false"/> when no child is stopping (carry it out now).
    /// </summary>
    private bool WaitForStoppingChildren(ChildrenWait reason)
    {
        lock (_childrenLock)
        {
            if (_stoppingChildren == 0) return false;
        }
        _waitingFor = reason;
        return true;
    }

    private void HandleChildTerminated()
    {
        if (_waitingFor == ChildrenWait.None) return;
        lock (_childrenLock)
        {
            if (_stoppingChildren > 0) return;
        }
        var reason = _waitingFor;
        _waitingFor = ChildrenWait.None;
        switch (reason)
        {
            case ChildrenWait.Creation:
                FinishCreate();
                break;
            case ChildrenWait.Recreation:
                FinishRecreate();
                break;
            default:
                FinishTerminate();
                break;
        }
    }

    private static ActorRefBase AsKernelRef(IActorRef actor) => actor as ActorRefBase
        ?? throw new ArgumentException($"{actor} is not a reference created by an ActorSystem.", nameof(actor));

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name[0] == '$' || !name.All(c => char.IsAsciiLetterOrDigit(c) || NameChars.Contains(c)))
            throw new InvalidActorNameException(
                $"Invalid actor name [{name}]: use ASCII letters, digits and {NameChars} (not empty, not starting with $).");
    }

    private string NextName()
    {
        // Base-36, like Akka's generated names ($a, $b, ...).
        var n = Interlocked.Increment(ref _nextName);
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(n % 36)];
            n /= 36;
        }
        while (n > 0);
        return new string(buffer[i..]);
    }
}
