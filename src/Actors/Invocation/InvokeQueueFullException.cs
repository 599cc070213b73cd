namespace Rmote;

/// <summary>
/// An <see cref="Invoke"/> was refused at once because the connection already holds as many invokes as it may: calls
/// in flight (<c>RmoteOptions.MaxCallsInFlight</c>) plus those waiting (<c>RmoteOptions.MaxQueuedInvokes</c>). Nothing
/// was sent; slow down (wait for replies) or raise the bound.
/// </summary>
public sealed class InvokeQueueFullException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public InvokeQueueFullException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvokeQueueFullException() : this("The connection's invoke queue is full.")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvokeQueueFullException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
