using Akka.Actor;

namespace Rmote.Actors.Fleet;

/// <summary>How a fleet actor works.</summary>
internal sealed record FleetSettings
{
    /// <summary>Hosts connecting or running at once.</summary>
    public int ThrottleLimit { get; init; } = 32;

    /// <summary>Per-host call timeout when the invoke names none; <see langword="null"/>: the connection's own.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>A connection unused this long is stopped; <see cref="Timeout.InfiniteTimeSpan"/>: never.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Cluster mode: the node's <c>RmoteHosts</c> actor. Host invokes go to it as <see cref="HostInvoke"/>s (one host
    /// connection in the whole cluster) instead of to connection actors of the fleet's own; <see langword="null"/>: own.
    /// </summary>
    public IActorRef? ClusterHosts { get; init; }

    /// <summary>Group names that exist (some maybe without hosts), for selections.</summary>
    public IReadOnlySet<string> Groups { get; init; } = new HashSet<string>();

    /// <summary>Turns a host's failure into what the caller sees and its kind (the transport layer knows its exceptions).</summary>
    public Func<string, Exception, (Exception Error, HostFailureKind Kind)> Classify { get; init; } =
        (_, e) => (e, e is TimeoutException ? HostFailureKind.TimedOut : e is ConnectionLostException ? HostFailureKind.Unreachable : HostFailureKind.RemoteException);
}
