namespace Rmote;

/// <summary>
/// Whether and how a connection replaces an agent it lost after it had connected once (agent killed or exited, link
/// closed, protocol error, missed heartbeats). A reconnect starts a new agent: calls in flight at the drop fail with
/// <see cref="ConnectionLostException"/> and are never replayed, calls made while reconnecting wait for the new agent
/// (bounded by their timeout or token), and tools are synced again on their first use. The first connect is never
/// retried: <c>StartLocalAsync</c>/<c>ConnectSshAsync</c>/<c>StartCommandAsync</c> fail at once.
/// </summary>
public sealed record ReconnectPolicy
{
    /// <summary>Reconnect turned off: a lost connection stays closed and later calls fail fast (the default).</summary>
    public static ReconnectPolicy Disabled { get; } = new() { Enabled = false };

    /// <summary>Reconnect with the default backoff: 10 attempts, 100 ms doubling up to 5 s.</summary>
    public static ReconnectPolicy Default { get; } = new();

    /// <summary>Whether a lost connection is re-established. Default <see langword="true"/> for a new policy.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Consecutive failed attempts after which the connection gives up and is closed (waiting and later calls fail with
    /// <see cref="ConnectionLostException"/> naming the last failure). The count restarts after every successful
    /// reconnect. Default 10.
    /// </summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Delay before the first attempt; it doubles for each further attempt. Default 100 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the delay between attempts. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
