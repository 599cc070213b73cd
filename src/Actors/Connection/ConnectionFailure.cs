namespace Rmote.Actors.Connection;

/// <summary>What callers are told when a live link fails.</summary>
internal static class ConnectionFailure
{
    /// <summary>
    /// The exception pending and later calls end with after the link to <paramref name="target"/> failed with
    /// <paramref name="failure"/>. A lost link or a protocol error is reported as it is; anything else that brought a
    /// connection actor down (a host-side I/O error, a bug) becomes a <see cref="ConnectionLostException"/> carrying
    /// it — never a bare host-side exception a caller would take for the tool's own.
    /// </summary>
    public static Exception ForCallers(Exception failure, string target) =>
        failure is ConnectionLostException or ProtocolException
            ? failure
            : new ConnectionLostException($"The connection to {target} failed: {failure.GetType().Name}: {failure.Message}", failure);
}
