using System.Linq.Expressions;

namespace Rmote.Actors;

/// <summary>
/// The recipe for an actor: how to construct it (again, on every restart) and how to run it (supervisor strategy for its
/// children, mailbox bound). Immutable; the <c>With*</c> methods return copies.
/// </summary>
public sealed record Props
{
    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        Factory = factory;
    }

    /// <summary>The class of the actor this recipe creates.</summary>
    public Type ActorType { get; }

    /// <summary>
    /// The strategy for this actor's children; when <see langword="null"/> the actor's own
    /// <c>SupervisorStrategy()</c> override (or the default) is used.
    /// </summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>
    /// Bound of the user mailbox, or <see langword="null"/> for unbounded. A message sent to a full mailbox goes to dead
    /// letters at once (the sender never blocks).
    /// </summary>
    public int? MailboxCapacity { get; private init; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        // A compiled constructor call, unlike new TActor() (Activator), does not wrap exceptions in TargetInvocationException.
        Create(Expression.Lambda<Func<TActor>>(Expression.New(typeof(TActor))));

    /// <summary>
    /// Props from a constructor call such as <c>() => new Worker(id, target)</c>. The expression is compiled once; the
    /// arguments are evaluated again for each new instance (first start and every restart).
    /// </summary>
    public static Props Create<TActor>(Expression<Func<TActor>> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (factory.Body is not NewExpression)
            throw new ArgumentException("The factory must be a constructor call: () => new MyActor(...).", nameof(factory));
        var compiled = factory.Compile();
        return new(typeof(TActor), compiled);
    }

    /// <summary>Copy with <paramref name="strategy"/> supervising the actor's children.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) =>
        this with { SupervisorStrategy = strategy ?? throw new ArgumentNullException(nameof(strategy)) };

    /// <summary>Copy with a user mailbox bounded to <paramref name="capacity"/> messages.</summary>
    public Props WithMailboxCapacity(int capacity) => capacity > 0
        ? this with { MailboxCapacity = capacity }
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");
}
