using Microsoft.Extensions.Logging;

namespace Rmote.Actors.Connection;

/// <summary>
/// The parent of one <see cref="ConnectionActor"/>. A failed connection is stopped — an in-flight call is never
/// replayed — and the reason is handed to the facade so later calls fail fast with it. (Reconnect policy plugs in
/// here: a restart is a new connection incarnation.)
/// </summary>
internal sealed class ConnectionSupervisor : ReceiveActor
{
    private readonly SessionHolder holder;
    private readonly ILogger logger;
    private Exception? lastFailure;
    private bool connected;

    public ConnectionSupervisor(IAgentConnector connector, ConnectionSettings settings, SessionHolder holder)
    {
        this.holder = holder;
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
        var connection = Context.ActorOf(Props.Create(() => new ConnectionActor(connector, settings, holder)), "connection");
        Context.Watch(connection);
        Receive<ConnectionActor.Connected>(_ => connected = true);
        Receive<Terminated>(_ =>
        {
            var failure = lastFailure is null or ActorInitializationException
                ? Unwrap(lastFailure) ?? new ConnectionLostException($"The connection to {connector.Target} was closed.")
                : lastFailure;
            // Before the link was up, the failure is the connect error (typed by the transport); after, calls see
            // the link's loss.
            holder.Fail(connected ? ConnectionFailure.ForCallers(failure, connector.Target) : failure);
            Context.Stop(Self);
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, TimeSpan.Zero, failure =>
    {
        lastFailure = failure;
        logger.LogWarning("Connection failed: {Reason}", failure.Message);
        return Directive.Stop;
    });

    private static Exception? Unwrap(Exception? failure) =>
        failure is ActorInitializationException { InnerException: { } inner } ? inner : failure;
}
