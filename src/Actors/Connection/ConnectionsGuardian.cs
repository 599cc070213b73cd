namespace Rmote.Actors.Connection;

/// <summary>
/// The parent of the connections <c>RmoteConnection</c> starts in a system: <c>/user/rmote</c>. It only creates them
/// (on request, so the facade can create actors from outside the system) and lets a failed one stop — a connection
/// handles its own reconnects, and a bug in one must not touch the others.
/// </summary>
internal sealed class ConnectionsGuardian : ReceiveActor
{
    private long created;

    /// <summary>Creates a child from <see cref="Props"/>; the sender receives its <see cref="IActorRef"/>.</summary>
    public sealed record Create(Props Props, string NamePrefix);

    public ConnectionsGuardian() =>
        Receive<Create>(create => Sender.Tell(Context.ActorOf(create.Props, $"{create.NamePrefix}-{++created}")));

    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;
}
