namespace Rmote;

/// <summary>Data of <see cref="RmoteConnection.StateChanged"/>.</summary>
public sealed class ConnectionStateChangedEventArgs(ConnectionState state, Exception? reason) : EventArgs
{
    /// <summary>The state the connection is in now.</summary>
    public ConnectionState State { get; } = state;

    /// <summary>
    /// Why it changed: the failure that dropped the link (<see cref="ConnectionState.Reconnecting"/>) or closed the
    /// connection (<see cref="ConnectionState.Closed"/>); <see langword="null"/> for <see cref="ConnectionState.Connected"/>.
    /// </summary>
    public Exception? Reason { get; } = reason;
}
