namespace Rmote;

/// <summary>
/// An exception thrown on the other side whose type could not be rebuilt here (the type is not loaded on this side,
/// or it lacks a usable constructor). Message, inner exceptions and <see cref="Exception.Data"/> are kept; the
/// original type name, stack trace and public properties are in <see cref="RemoteTypeName"/>,
/// <see cref="RemoteStackTrace"/> and <see cref="RemoteProperties"/>.
/// </summary>
public class RemoteException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RemoteException() : this("A remote call failed.", "System.Exception", null, null) { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public RemoteException(string message) : this(message, "System.Exception", null, null) { }

    /// <summary>Creates the exception with <paramref name="message"/> and an inner exception.</summary>
    public RemoteException(string message, Exception? innerException) : this(message, "System.Exception", null, innerException) { }

    /// <summary>Creates the exception describing a remote exception of type <paramref name="remoteTypeName"/>.</summary>
    /// <param name="message">The remote exception's message.</param>
    /// <param name="remoteTypeName">Full name of the remote exception type.</param>
    /// <param name="remoteStackTrace">The remote stack trace, if any.</param>
    /// <param name="innerException">The rebuilt remote inner exception, if any.</param>
    public RemoteException(string message, string remoteTypeName, string? remoteStackTrace, Exception? innerException)
        : base(message, innerException)
    {
        RemoteTypeName = remoteTypeName;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>Full name of the exception type thrown on the remote side, e.g. <c>MyTools.QuotaExceededException</c>.</summary>
    public string RemoteTypeName { get; }

    /// <summary>The stack trace captured on the remote side, or <see langword="null"/> when it had none.</summary>
    public string? RemoteStackTrace { get; }

    /// <summary>
    /// The remote exception's public properties of simple types (beyond those of <see cref="Exception"/>), by name, as
    /// invariant-culture text — e.g. <c>Line</c> and <c>Column</c> of an exception type this side does not have.
    /// </summary>
    public IReadOnlyDictionary<string, string?> RemoteProperties { get; init; } = new Dictionary<string, string?>();
}
