namespace Rmote.Transports.OpenSsh;

/// <summary>Reads the cause of a failed ssh run from its stderr, so both SSH implementations report the same reasons.</summary>
internal static class SshFailures
{
    private static readonly (string Text, ConnectFailureReason Reason)[] Signatures =
    [
        // Reached, but the server never answered: a timeout, not an unreachable host (first match wins).
        ("timed out during banner exchange", ConnectFailureReason.Timeout),
        ("Connection refused", ConnectFailureReason.Refused),
        ("Could not resolve hostname", ConnectFailureReason.Unreachable),
        ("No route to host", ConnectFailureReason.Unreachable),
        ("Network is unreachable", ConnectFailureReason.Unreachable),
        ("Connection timed out", ConnectFailureReason.Unreachable),
        ("Operation timed out", ConnectFailureReason.Unreachable),
        ("Host key verification failed", ConnectFailureReason.HostKeyRejected),
        ("REMOTE HOST IDENTIFICATION HAS CHANGED", ConnectFailureReason.HostKeyRejected),
        ("REVOKED HOST KEY", ConnectFailureReason.HostKeyRejected),
        ("Permission denied (", ConnectFailureReason.AuthenticationFailed),
        ("Too many authentication failures", ConnectFailureReason.AuthenticationFailed),
    ];

    /// <summary>The reason ssh's <paramref name="standardError"/> names, or <c>null</c> when it names none we know.</summary>
    public static ConnectFailureReason? Classify(string? standardError)
    {
        if (string.IsNullOrEmpty(standardError)) return null;
        foreach (var (text, reason) in Signatures)
            if (standardError.Contains(text, StringComparison.Ordinal)) return reason;
        return null;
    }

    /// <summary>
    /// <paramref name="error"/> with the reason ssh's stderr names, when it is the generic
    /// <see cref="ConnectFailureReason.TransportFailed"/>; anything else unchanged.
    /// </summary>
    public static Exception Refine(Exception error) =>
        error is RmoteConnectException { Reason: ConnectFailureReason.TransportFailed } failure
        && Classify(failure.StandardError) is { } reason
            ? new RmoteConnectException(reason, failure.Target, Advice(reason), failure.StandardError, failure)
            : error;

    private static string Advice(ConnectFailureReason reason) => reason switch
    {
        ConnectFailureReason.Refused => "the host refused the connection: is sshd running, and is the port right?",
        ConnectFailureReason.Unreachable => "the host could not be reached: check the name, the network and the port.",
        ConnectFailureReason.Timeout => "the host accepted the connection but its SSH server never answered: is an SSH "
            + "server (and not something else) listening on that port?",
        ConnectFailureReason.HostKeyRejected => "the host key is unknown, changed or revoked in known_hosts: verify the "
            + "host's key out of band and update known_hosts (nothing was sent to the host).",
        _ => "authentication failed: check the user, the key (SshOptions.IdentityFile) and that it is in the host's "
             + "authorized_keys.",
    };
}
