namespace Rmote;

/// <summary>Why starting an agent failed; see <see cref="RmoteConnectException.Reason"/>.</summary>
public enum ConnectFailureReason
{
    /// <summary>The transport command (ssh, sudo, docker …) could not be started or exited before the bootstrap
    /// answered — its stderr says why ("Permission denied (publickey)", "Connection refused" …).</summary>
    TransportFailed,

    /// <summary>The <c>dotnet</c> host was not found on the target.</summary>
    DotnetNotFound,

    /// <summary>The target has <c>dotnet</c> but no Microsoft.NETCore.App runtime of version 10 or later.</summary>
    DotnetTooOld,

    /// <summary>The agent cache directory on the target could not be created or written.</summary>
    CacheNotWritable,

    /// <summary>The uploaded bundle did not hash to the expected sha256 (a damaged upload).</summary>
    ChecksumMismatch,

    /// <summary>The target lacks a tool the bootstrap needs (a sha256 tool, <c>head</c>, <c>tail</c>).</summary>
    ToolMissing,

    /// <summary>The agent process exited (or closed its output) before the protocol handshake.</summary>
    AgentExitedEarly,

    /// <summary>The agent bundle is missing from this program's output folder (a broken installation).</summary>
    AgentBundleMissing,

    /// <summary>Nothing failed, but the connection was not ready within <see cref="RmoteOptions.ConnectTimeout"/>.</summary>
    Timeout,

    /// <summary>The bootstrap script reported an error this version does not know.</summary>
    BootstrapFailed,

    /// <summary>The transport printed more than 16 MiB before the bootstrap answered (a login script or shell that
    /// writes endlessly); the connect gave up at once instead of reading until the connect timeout.</summary>
    TooMuchOutput,

    /// <summary>The SSH server could not be reached: the name does not resolve, no route, or the TCP connect timed out.</summary>
    Unreachable,

    /// <summary>The SSH server's host refused the TCP connection (nothing listens on that port).</summary>
    Refused,

    /// <summary>The SSH server rejected every authentication offered (key, passphrase, password).</summary>
    AuthenticationFailed,

    /// <summary>The SSH server's host key is unknown, changed or revoked in known_hosts: nothing was sent to it.</summary>
    HostKeyRejected,
}
