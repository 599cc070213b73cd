using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rmote.Actors;

/// <summary>
/// A tree of actors under one user guardian (<c>/user</c>), with its scheduler, event stream and dead letters.
/// Create with <see cref="Create(string)"/>; end with <see cref="Terminate"/>.
/// </summary>
public sealed class ActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _guardian;
    private readonly TimerScheduler _scheduler = new();
    private readonly ActorPath _tempPath;
    private long _nextTemp;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        LoggerFactory = settings.LoggerFactory ?? NullLoggerFactory.Instance;
        Log = LoggerFactory.CreateLogger<ActorSystem>();
        EventStream = new EventStream();
        var root = ActorPath.Root(name);
        _tempPath = root.Child("temp");
        DeadLetters = new DeadLetterActorRef(this, root.Child("deadLetters"));
        _guardian = new ActorCell(this, Props.Create<GuardianActor>(), new RootActorRef(this, root), null, root.Child("user"));
        _guardian.Start();
    }

    /// <summary>The system's name, the first element of every actor path.</summary>
    public string Name { get; }

    /// <summary>The settings the system was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The logger factory of the system (a no-op one when none was given).</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Publishes <see cref="DeadLetter"/> and <see cref="UnhandledMessage"/> (and anything else published) to subscribers.</summary>
    public EventStream EventStream { get; }

    /// <summary>Sends messages later or periodically.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>The reference that swallows messages, publishing them as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Completes when <see cref="Terminate"/> has stopped every actor.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ILogger Log { get; }

    /// <summary>Creates a system; <paramref name="name"/> uses ASCII letters, digits, '-' and '_'.</summary>
    public static ActorSystem Create(string name) => Create(name, new ActorSystemSettings());

    /// <summary>Creates a system that logs to <paramref name="loggerFactory"/>.</summary>
    public static ActorSystem Create(string name, ILoggerFactory loggerFactory) =>
        Create(name, new ActorSystemSettings { LoggerFactory = loggerFactory });

    /// <summary>Creates a system with <paramref name="settings"/>.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Invalid actor system name [{name}]: use ASCII letters, digits, '-' and '_'.", nameof(name));
        if (settings.Throughput < 1) throw new ArgumentOutOfRangeException(nameof(settings), "Throughput must be positive.");
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor (a child of <c>/user</c>).</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken by a live actor.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => _guardian.ActorOf(props, name);

    /// <summary>Stops <paramref name="actor"/>: the message being processed finishes, queued ones go to dead letters.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (actor as ActorRefBase ?? throw new ArgumentException($"{actor} is not a reference created by an ActorSystem.", nameof(actor)))
            .SendSystem(Actors.Terminate.Instance);
    }

    /// <summary>
    /// Stops every actor, children before parents, then cancels scheduled messages. The returned task is
    /// <see cref="WhenTerminated"/>.
    /// </summary>
    public Task Terminate()
    {
        _guardian.SendSystem(Actors.Terminate.Instance);
        return WhenTerminated;
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    internal void OnGuardianTerminated()
    {
        _scheduler.Dispose();
        _terminated.TrySetResult();
    }

    internal ActorPath NextTempPath() => _tempPath.Child("$" + Interlocked.Increment(ref _nextTemp));

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        Log.LogDebug("Dead letter: {MessageType} from {Sender} to {Recipient}", message.GetType().Name, sender?.Path, recipient.Path);
        // A dead letter about a dead letter (a subscriber that cannot take it) is logged only: publishing it could loop.
        if (message is not DeadLetter) EventStream.Publish(new DeadLetter(message, sender ?? DeadLetters, recipient));
    }

    internal void PublishUnhandled(object message, IActorRef sender, IActorRef recipient)
    {
        Log.LogDebug("Unhandled message: {MessageType} from {Sender} to {Recipient}", message.GetType().Name, sender.Path, recipient.Path);
        EventStream.Publish(new UnhandledMessage(message, sender, recipient));
    }
}
