namespace Rmote;

/// <summary>Where a connection is in its life (see <c>RmoteConnection.State</c> and <c>StateChanged</c>).</summary>
public enum ConnectionState
{
    /// <summary>The first agent is being started; calls wait for it.</summary>
    Connecting,

    /// <summary>An agent is connected and serves calls.</summary>
    Connected,

    /// <summary>The link dropped and a new agent is being started (reconnect enabled); new calls wait for it.</summary>
    Reconnecting,

    /// <summary>For good: disposed, the first connect failed, reconnect is off, or it gave up. Calls fail fast.</summary>
    Closed,
}
