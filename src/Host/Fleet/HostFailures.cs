namespace Rmote.Fleet;

/// <summary>Sorts a host's failure into a <see cref="HostFailureKind"/>, and gives sudo's refusal its own exception.</summary>
internal static class HostFailures
{
    // ssh's own words for "we reached it and it said no" (OpenSSH client messages, LANG=C).
    private static readonly string[] AuthMarkers =
    [
        "Permission denied", "Host key verification failed", "Too many authentication failures",
        "REMOTE HOST IDENTIFICATION HAS CHANGED", "No more authentication methods",
    ];

    private static readonly string[] SudoMarkers = ["sudo: a password is required", "sudo: a terminal is required", "is not in the sudoers file", "is not allowed to execute"];

    public static HostFailureKind Classify(Exception error) => error switch
    {
        TimeoutException => HostFailureKind.TimedOut,
        BecomeException => HostFailureKind.AuthFailed,
        RmoteConnectException connect => Classify(connect),
        ConnectionLostException => HostFailureKind.Unreachable,
        _ => HostFailureKind.RemoteException,
    };

    /// <summary>A connect failure caused by sudo refusing the host's <c>become</c> becomes a <see cref="BecomeException"/>.</summary>
    public static Exception Surface(Exception error, FleetHost host) =>
        host.Become is { } user && error is RmoteConnectException { StandardError: { } stderr }
                                && SudoMarkers.Any(m => stderr.Contains(m, StringComparison.Ordinal))
            ? new BecomeException(host.Name, user, error)
            : error;

    // The transports type their failures (ConnectFailureReason); ssh's stderr is read only where they could not tell.
    private static HostFailureKind Classify(RmoteConnectException error) => error.Reason switch
    {
        ConnectFailureReason.Timeout or ConnectFailureReason.Unreachable or ConnectFailureReason.Refused => HostFailureKind.Unreachable,
        ConnectFailureReason.AuthenticationFailed or ConnectFailureReason.HostKeyRejected => HostFailureKind.AuthFailed,
        ConnectFailureReason.TransportFailed or ConnectFailureReason.AgentExitedEarly
            when AuthMarkers.Any(m => error.StandardError?.Contains(m, StringComparison.Ordinal) == true) => HostFailureKind.AuthFailed,
        ConnectFailureReason.TransportFailed => HostFailureKind.Unreachable,
        _ => HostFailureKind.ConnectFailed,
    };
}
