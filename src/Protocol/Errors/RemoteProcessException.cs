namespace Rmote;

/// <summary>
/// A process started by <see cref="RemoteProcess.Run"/> with <c>check: true</c> exited with a non-zero code. The
/// properties have <c>init</c> accessors so that they survive the trip between agent and host (see docs/protocol.md).
/// </summary>
public class RemoteProcessException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RemoteProcessException() : this("A process failed.") { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public RemoteProcessException(string message) : this(message, null) { }

    /// <summary>Creates the exception with <paramref name="message"/> and an inner exception.</summary>
    public RemoteProcessException(string message, Exception? innerException) : base(message, innerException) => Command = string.Empty;

    /// <summary>Creates the exception for <paramref name="command"/> that exited with <paramref name="exitCode"/>.</summary>
    /// <param name="exitCode">The process exit code.</param>
    /// <param name="command">The command line, arguments joined with spaces.</param>
    /// <param name="standardError">The captured standard error, or <see langword="null"/> when it was not captured.</param>
    public RemoteProcessException(int exitCode, string command, string? standardError)
        : base(FormatMessage(exitCode, command, standardError))
    {
        ExitCode = exitCode;
        Command = command;
        StandardError = standardError;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>The command line that failed, arguments joined with spaces.</summary>
    public string Command { get; init; }

    /// <summary>The captured standard error, or <see langword="null"/> when output was not captured.</summary>
    public string? StandardError { get; init; }

    private static string FormatMessage(int exitCode, string command, string? standardError) =>
        string.IsNullOrWhiteSpace(standardError)
            ? $"Command '{command}' exited with code {exitCode}."
            : $"Command '{command}' exited with code {exitCode}: {standardError.Trim()}";
}
