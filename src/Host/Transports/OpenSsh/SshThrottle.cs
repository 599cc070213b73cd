using System.Collections.Concurrent;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// Caps the ssh handshakes in flight per destination. sshd drops unauthenticated connections beyond
/// <c>MaxStartups</c> (default 10:30:100 — random drops from the 11th); holding our own starts below that makes a
/// fan-out of many connections to one host succeed without relying on retries. A slot is held only until the remote
/// shell answers, i.e. until authentication is over.
/// </summary>
internal static class SshThrottle
{
    /// <summary>Concurrent unauthenticated connections per destination (below sshd's default of 10).</summary>
    public const int HandshakesPerDestination = 8;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate for one destination key (user, host and port as given).</summary>
    public static SemaphoreSlim For(string key) =>
        Gates.GetOrAdd(key, _ => new SemaphoreSlim(HandshakesPerDestination, HandshakesPerDestination));

    /// <summary>
    /// True if ssh failed because sshd refused the connection early (MaxStartups, a busy sshd): worth another try.
    /// Authentication or name errors are not.
    /// </summary>
    public static bool IsTransient(string standardError) =>
        standardError.Contains("kex_exchange_identification", StringComparison.Ordinal)
        || standardError.Contains("ssh_exchange_identification", StringComparison.Ordinal);
}
