using Microsoft.Extensions.Logging;

namespace Rmote.Actors.Connection;

/// <summary>
/// The parent of the <see cref="ConnectionActor"/>, and the reconnect policy. It watches the current incarnation; when
/// one stops after a failure it either gives up — the first connect failed, reconnect is off, the connection is being
/// disposed, or <see cref="ConnectionSettings.MaxReconnectAttempts"/> consecutive attempts failed — and hands the reason
/// to the facade (later calls fail fast with it), or it starts a new incarnation after an exponential backoff with
/// jitter (Akka's BackoffSupervisor pattern). Calls in flight at the drop have already failed; they are never replayed.
/// </summary>
internal sealed class ConnectionSupervisor : ReceiveActor
{
    private const string ChildName = "connection";

    private readonly IAgentConnector connector;
    private readonly ConnectionSettings settings;
    private readonly SessionHolder holder;
    private readonly ILogger logger;
    private IActorRef? connection;
    private Exception? lastFailure;
    private bool everConnected;
    private int attempts;

    /// <summary>Scheduled after the backoff: start the next incarnation.</summary>
    private sealed record StartIncarnation
    {
        public static readonly StartIncarnation Instance = new();
    }

    public ConnectionSupervisor(IAgentConnector connector, ConnectionSettings settings, SessionHolder holder)
    {
        this.connector = connector;
        this.settings = settings;
        this.holder = holder;
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
        Receive<ConnectionActor.Connected>(OnConnected);
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(connection)) OnIncarnationStopped();
        });
        Receive<StartIncarnation>(_ => Start());
        Start();
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, TimeSpan.Zero, failure =>
    {
        lastFailure = Unwrap(failure);
        logger.LogWarning("Connection to {Target} failed: {Reason}", connector.Target, lastFailure.Message);
        return Directive.Stop;
    });

    private void Start()
    {
        if (holder.IsClosed) return;   // disposed while the backoff ran
        connection = Context.ActorOf(Props.Create(() => new ConnectionActor(connector, settings, holder)), ChildName);
        Context.Watch(connection);
    }

    private void OnConnected(ConnectionActor.Connected connected)
    {
        if (everConnected) logger.LogInformation("Reconnected to {Target} (pid {Pid}) after {Attempts} attempt(s)", connected.Target, connected.ProcessId, attempts);
        everConnected = true;
        attempts = 0;
    }

    private void OnIncarnationStopped()
    {
        var reason = lastFailure ?? new ConnectionLostException($"The connection to {connector.Target} was closed.");
        lastFailure = null;
        // Before the link was up, the failure is the connect error (typed by the transport); after, calls see the
        // link's loss.
        if (everConnected) reason = ConnectionFailure.ForCallers(reason, connector.Target);
        if (!everConnected || holder.IsClosed || !settings.ReconnectEnabled || settings.MaxReconnectAttempts <= 0)
        {
            GiveUp(reason);
            return;
        }
        if (attempts >= settings.MaxReconnectAttempts)
        {
            GiveUp(new ConnectionLostException(
                $"Gave up reconnecting to {connector.Target} after {attempts} attempt(s); the last one failed: {reason.Message}", reason));
            return;
        }
        attempts++;
        holder.Reconnecting(reason);
        var delay = Backoff(attempts);
        logger.LogWarning("Connection to {Target} lost ({Reason}); reconnect attempt {Attempt}/{Max} in {Delay} ms",
            connector.Target, reason.Message, attempts, settings.MaxReconnectAttempts, (int)delay.TotalMilliseconds);
        Context.System.Scheduler.ScheduleTellOnce(delay, Self, StartIncarnation.Instance, Self);
    }

    private void GiveUp(Exception reason)
    {
        if (everConnected && !holder.IsClosed) logger.LogWarning("Connection to {Target} closed: {Reason}", connector.Target, reason.Message);
        holder.Fail(reason);
        Context.Stop(Self);
    }

    // Exponential with "equal jitter": half the step is fixed, half random, so reconnecting hosts spread out but the
    // delay still grows.
    private TimeSpan Backoff(int attempt)
    {
        var step = Math.Min(settings.ReconnectMaxDelay.TotalMilliseconds,
            settings.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }

    private static Exception Unwrap(Exception failure) =>
        failure is ActorInitializationException { InnerException: { } inner } ? inner : failure;
}
