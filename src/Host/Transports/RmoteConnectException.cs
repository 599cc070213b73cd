namespace Rmote;

/// <summary>
/// Starting an agent failed. <see cref="Exception.Message"/> says what happened and what to do about it and ends with
/// the transport's captured stderr, if any; <see cref="Reason"/> is the machine-readable cause.
/// </summary>
public sealed class RmoteConnectException : Exception
{
    /// <summary>Creates the exception with a generic message (reason <see cref="ConnectFailureReason.TransportFailed"/>).</summary>
    public RmoteConnectException() : this("Starting the agent failed.") { }

    /// <summary>
    /// Creates the exception with <paramref name="message"/> as it is; set <see cref="Reason"/>, <see cref="Target"/>
    /// and <see cref="StandardError"/> with an initializer (this is how the exception is rebuilt on another node).
    /// </summary>
    public RmoteConnectException(string message) : this(message, null) { }

    /// <summary>Creates the exception with <paramref name="message"/> as it is and the exception that caused it.</summary>
    public RmoteConnectException(string message, Exception? innerException) : base(message, innerException) => Target = string.Empty;

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The cause.</param>
    /// <param name="target">The target as shown to the user (<c>ssh root@host</c>, <c>local</c>, a command line).</param>
    /// <param name="message">What happened and what to do, without the stderr text.</param>
    /// <param name="standardError">The transport's captured stderr (its tail), or <c>null</c>.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public RmoteConnectException(ConnectFailureReason reason, string target, string message, string? standardError = null,
        Exception? innerException = null)
        : base(Compose(target, message, standardError), innerException)
    {
        Reason = reason;
        Target = target;
        StandardError = string.IsNullOrWhiteSpace(standardError) ? null : standardError;
    }

    /// <summary>The machine-readable cause.</summary>
    public ConnectFailureReason Reason { get; init; }

    /// <summary>The target as shown to the user.</summary>
    public string Target { get; init; }

    /// <summary>The last part of the transport's stderr (at most 64 KiB), or <c>null</c> when it wrote nothing.</summary>
    public string? StandardError { get; init; }

    private static string Compose(string target, string message, string? standardError) =>
        string.IsNullOrWhiteSpace(standardError)
            ? $"{target}: {message}"
            : $"{target}: {message}{Environment.NewLine}stderr:{Environment.NewLine}{standardError.TrimEnd()}";
}
