namespace Rmote.Actors.Cluster;

/// <summary>
/// The stop message of a host entity (sharding's hand-off and idle passivation; local, never serialized): the entity
/// lets the invokes it holds finish — queued ones included — and then stops with its connection.
/// </summary>
internal sealed class HostEntityStop
{
    /// <summary>The one instance.</summary>
    public static readonly HostEntityStop Instance = new();

    private HostEntityStop()
    {
    }
}
