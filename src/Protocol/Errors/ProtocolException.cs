namespace Rmote;

/// <summary>
/// The byte stream between host and agent broke the protocol: bad magic, a frame longer than the configured
/// maximum, a truncated frame, a payload that does not decode or a failed handshake. The connection cannot continue.
/// </summary>
public class ProtocolException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ProtocolException() : base("The rmote protocol was violated.") { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ProtocolException(string message, Exception? innerException) : base(message, innerException) { }
}
