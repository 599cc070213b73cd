namespace Rmote.Actors.Connection;

/// <summary>
/// Starts a new agent each time it is asked: every link incarnation calls it once when it starts, so a reconnect is
/// simply a new incarnation created by the backoff supervisor.
/// </summary>
internal interface IAgentConnector
{
    /// <summary>Human-readable target for logs and errors.</summary>
    string Target { get; }

    /// <summary>Starts the agent (bootstrapping it if needed), performs the handshake and returns the transport.
    /// Failures are typed by the transport (what went wrong and what to do), bounded by the connect timeout.</summary>
    Task<IAgentTransport> ConnectAsync(CancellationToken cancellationToken);
}
