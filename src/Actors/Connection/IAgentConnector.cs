namespace Rmote.Actors.Connection;

/// <summary>
/// Starts a new agent each time it is asked — the connection actor calls it on start and again on every restart,
/// which is what makes a reconnect a plain supervisor restart.
/// </summary>
internal interface IAgentConnector
{
    /// <summary>Human-readable target for logs and errors.</summary>
    string Target { get; }

    /// <summary>Starts the agent (bootstrapping it if needed), performs the handshake and returns the channel.
    /// Failures are typed by the transport (what went wrong and what to do), bounded by the connect timeout.</summary>
    Task<IAgentChannel> ConnectAsync(CancellationToken cancellationToken);
}
