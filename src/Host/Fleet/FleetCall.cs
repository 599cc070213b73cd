using Akka.Actor;
using Rmote.Actors.Invocation;

namespace Rmote.Fleet;

/// <summary>
/// One <c>CallAsync</c> of <see cref="RmoteFleet"/> as an actor: sends the <see cref="FleetInvoke"/> (streaming),
/// turns each <see cref="HostStarted"/>/<see cref="HostOutcome"/> into progress, and completes the task with the
/// <see cref="FleetInvokeResult"/> (or the failure), then stops.
/// </summary>
internal sealed class FleetCall<T> : ReceiveActor
{
    public FleetCall(IActorRef fleet, FleetInvoke invoke, IReadOnlyDictionary<string, FleetHost> hosts, Action<HostProgress> report,
        TaskCompletionSource<FleetResult<HostResult<T>>> completion)
    {
        Receive<HostStarted>(s => report(new HostProgress(hosts[s.Host], HostProgressState.Started, TimeSpan.Zero, null)));
        Receive<HostOutcome>(o =>
        {
            var result = ToResult(o, hosts);
            report(new HostProgress(result.Host, result.Succeeded ? HostProgressState.Succeeded : HostProgressState.Failed, result.Elapsed, result));
        });
        Receive<FleetInvokeResult>(r =>
        {
            completion.TrySetResult(new FleetResult<HostResult<T>>(r.Hosts.Select(o => ToResult(o, hosts)).ToArray()));
            Context.Stop(Self);
        });
        Receive<Status.Failure>(f =>
        {
            completion.TrySetException(f.Cause);
            Context.Stop(Self);
        });
        Receive<Terminated>(_ =>
        {
            completion.TrySetException(new ObjectDisposedException(nameof(RmoteFleet), "The fleet was disposed during the call."));
            Context.Stop(Self);
        });
        Context.Watch(fleet);
        fleet.Tell(invoke);
    }

    public static Props Props(IActorRef fleet, FleetInvoke invoke, IReadOnlyDictionary<string, FleetHost> hosts, Action<HostProgress> report,
        TaskCompletionSource<FleetResult<HostResult<T>>> completion) =>
        Akka.Actor.Props.Create(() => new FleetCall<T>(fleet, invoke, hosts, report, completion));

    private static HostResult<T> ToResult(HostOutcome outcome, IReadOnlyDictionary<string, FleetHost> hosts) =>
        new(hosts[outcome.Host], outcome.Succeeded ? CallResult.As<T>(outcome.Value) : default, outcome.Elapsed, outcome.Error, outcome.Failure);
}
