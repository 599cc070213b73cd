using Rmote.Actors.Invocation;

namespace Rmote;

/// <summary>
/// Asks a fleet actor (<c>RmoteFleetProps.Create</c>/<c>Load</c>) to run <paramref name="Call"/> on every host that
/// <paramref name="Selection"/> matches, at most its throttle limit at once, over its kept connections. The sender
/// gets one <see cref="FleetInvokeResult"/> with every host's <see cref="HostOutcome"/> — a host that fails, times out
/// or cannot be reached fails alone. With <paramref name="StreamHostOutcomes"/> the sender also gets a
/// <see cref="HostStarted"/> when a host starts and its <see cref="HostOutcome"/> as soon as it ends, before the
/// result. A malformed selection, or one naming no host or group, is answered with
/// <c>Status.Failure(ArgumentException, CorrelationId)</c>.
/// </summary>
/// <param name="Call">What to call (<see cref="ToolCall.Create{T}(System.Linq.Expressions.Expression{Func{T}})"/>).</param>
/// <param name="Selection">Which hosts: a pattern like Ansible's <c>--limit</c> (<c>web:&amp;prod:!web3</c>); <c>all</c> by default.</param>
/// <param name="CorrelationId">Any number of the sender's choosing, echoed in every reply.</param>
/// <param name="Timeout">
/// Per-host call timeout (<see langword="null"/>: the fleet's); a host without a live connection gets its connect
/// timeout on top. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: none.
/// </param>
/// <param name="StreamHostOutcomes">Also send <see cref="HostStarted"/> and each <see cref="HostOutcome"/> as they happen.</param>
public sealed record FleetInvoke(ToolCall Call, string Selection = "all", long CorrelationId = 0, TimeSpan? Timeout = null,
    bool StreamHostOutcomes = false)
{
    /// <summary>
    /// For a fleet upload (<c>FleetCallTarget.UploadAsync</c>): opens, for each host as it starts, the input its tool
    /// reads. The fleet disposes that input's source once the host has ended, whichever way it ended. Local only.
    /// </summary>
    internal Func<InvokeInput>? Input { get; init; }

    /// <summary>
    /// Exactly these hosts, by name, instead of <see cref="Selection"/>'s pattern: what <c>RmoteFleet</c> sends, having
    /// resolved its selection already (a host named like a group or a glob must not pull in others).
    /// </summary>
    internal IReadOnlySet<string>? Hosts { get; init; }
}
