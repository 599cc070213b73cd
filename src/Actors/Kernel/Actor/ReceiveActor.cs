namespace Rmote.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers declared in its constructor (<c>Receive&lt;T&gt;</c>,
/// <c>ReceiveAsync&lt;T&gt;</c>, <c>ReceiveAny</c>); the first handler that matches a message handles it.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerList _initial = new();
    private HandlerList? _configuring;

    /// <summary>Opens the initial behaviour for the constructor's <c>Receive</c> calls.</summary>
    protected ReceiveActor() => _configuring = _initial;

    /// <summary>Handles messages of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>, if given).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        });
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> that pass <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Receive(handler, shouldHandle);

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: no other message of this actor is processed
    /// until the task completes, continuations run inside the actor (so <c>Sender</c> and the actor's state stay safe
    /// after an <c>await</c>), and an exception is a failure handled by the supervisor.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            Cell.RunTask(handler(typed));
            return true;
        });
    }

    /// <summary>As <see cref="ReceiveAsync{T}(Func{T, Task}, Predicate{T})"/>, for messages that pass <paramref name="shouldHandle"/>.</summary>
    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) => ReceiveAsync(handler, shouldHandle);

    /// <summary>Handles every message that no earlier handler took.</summary>
    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>Handles every message that no earlier handler took, asynchronously (see <see cref="ReceiveAsync{T}(Func{T, Task}, Predicate{T})"/>).</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => ReceiveAsync(handler);

    /// <summary>Replaces the behaviour by the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers that <paramref name="configure"/> declares; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    /// <summary>Returns to the behaviour before the last <see cref="BecomeStacked"/>.</summary>
    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => _initial.Handle(message);

    internal sealed override void OnConstructed() => _configuring = null;

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var handlers = new HandlerList();
        var outer = _configuring;
        _configuring = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuring = outer;
        }
        return handlers.Handle;
    }

    private void Add(Func<object, bool> handler) =>
        (_configuring ?? throw new InvalidOperationException(
            "Receive handlers can only be declared in the constructor or inside Become/BecomeStacked."))
        .Add(handler);
}
