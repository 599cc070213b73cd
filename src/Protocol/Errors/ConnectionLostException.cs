namespace Rmote;

/// <summary>
/// The connection to the agent ended (process exited, pipe closed, transport failed) while a call was pending or
/// before it could be sent. Calls are never replayed on another connection.
/// </summary>
public class ConnectionLostException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ConnectionLostException() : base("The connection to the agent was lost.") { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ConnectionLostException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ConnectionLostException(string message, Exception? innerException) : base(message, innerException) { }
}
