namespace Rmote;

/// <summary>What a <see cref="HostProgress"/> reports.</summary>
public enum HostProgressState
{
    /// <summary>The host got a throttle slot and started (connecting if it has no kept connection, then calling).</summary>
    Started,

    /// <summary>The call succeeded on the host.</summary>
    Succeeded,

    /// <summary>The call failed on the host (see <see cref="HostProgress.Result"/>).</summary>
    Failed,
}
