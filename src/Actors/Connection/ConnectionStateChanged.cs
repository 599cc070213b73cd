namespace Rmote;

/// <summary>
/// Published on the <c>ActorSystem</c>'s <c>EventStream</c> at every state change of a connection actor (subscribe with
/// <c>system.EventStream.Subscribe(actor, typeof(ConnectionStateChanged))</c>).
/// </summary>
/// <param name="Connection">The connection actor made from <c>RmoteProps</c>; the same across reconnects.</param>
/// <param name="Target">The target as shown in logs: <c>local</c>, <c>ssh user@host</c>, a command line.</param>
/// <param name="State">The state it is in now.</param>
/// <param name="Reason">
/// Why: the failure that dropped the link (<see cref="ConnectionState.Reconnecting"/>) or ended the connection
/// (<see cref="ConnectionState.Closed"/>); <see langword="null"/> otherwise.
/// </param>
public sealed record ConnectionStateChanged(IActorRef Connection, string Target, ConnectionState State, Exception? Reason);
