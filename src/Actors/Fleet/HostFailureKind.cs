namespace Rmote;

/// <summary>Why a host of a fleet call failed (<c>HostResult.Failure</c>, <see cref="HostOutcome.Failure"/>).</summary>
public enum HostFailureKind
{
    /// <summary>It did not fail.</summary>
    None,

    /// <summary>
    /// The host could not be reached or was lost: connection refused, no route, the connect timed out, the link
    /// dropped during the call (<see cref="ConnectionLostException"/>).
    /// </summary>
    Unreachable,

    /// <summary>The host was reached but refused us: SSH authentication or host-key check failed, sudo wants a password.</summary>
    AuthFailed,

    /// <summary>The host was reached and let us in, but the agent could not start (no .NET 10, cache not writable …).</summary>
    ConnectFailed,

    /// <summary>The tool threw on the host; the error is the rebuilt exception of its original type.</summary>
    RemoteException,

    /// <summary>The call did not complete within the per-host call timeout.</summary>
    TimedOut,

    /// <summary>The fleet call was cancelled (<see cref="CancelFleetInvoke"/>, a cancelled token) before this host finished.</summary>
    Cancelled,
}
