namespace Rmote.Actors;

/// <summary>
/// The runtime of one actor: its mailbox, its current instance, its children, watchers and supervision state. All state
/// except the mailbox queues is touched only by the thread that runs the cell (see ActorCell.Dispatch.cs), so it needs no
/// locks; the children registry is the exception because <c>system.ActorOf</c> reserves names from any thread.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_creating;

    private readonly ActorRefBase _parent;
    private readonly ActorCell? _parentCell;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;

    public ActorCell(ActorSystem system, Props props, ActorRefBase parent, ActorCell? parentCell, ActorPath path)
    {
        System = system;
        Props = props;
        _parent = parent;
        _parentCell = parentCell;
        SelfRef = new LocalActorRef(this, path);
        _capacity = props.MailboxCapacity ?? 0;
        _throughput = system.Settings.Throughput;
    }

    /// <summary>The cell running on this thread, if any (for the implicit sender of <c>Tell(message)</c>).</summary>
    internal static ActorCell? Current => t_current;

    /// <summary>The cell whose actor instance is being constructed on this thread.</summary>
    internal static ActorCell? Creating => t_creating;

    public ActorSystem System { get; }

    public Props Props { get; }

    public LocalActorRef SelfRef { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    public IActorRef Parent => _parent;

    /// <summary>The raw sender of the current message (<see langword="null"/> when none), for <c>Forward</c>.</summary>
    internal IActorRef? CurrentSender => _currentSender;

    /// <summary>Queues the creation of the actor instance.</summary>
    internal void Start() => SendSystem(Create.Instance);

    internal void PublishUnhandled(object message) => System.PublishUnhandled(message, Sender, SelfRef);

    /// <summary>The answer of a terminated actor to a system message: a watcher learns at once that it is gone.</summary>
    internal static void ReplyAsTerminated(ActorRefBase self, SystemMessage message)
    {
        if (message is Watch watch && ReferenceEquals(watch.Watchee, self) && !ReferenceEquals(watch.Watcher, self))
            watch.Watcher.SendSystem(new DeathWatchNotification(self));
    }

    public override string ToString() => SelfRef.Path.ToString();
}
