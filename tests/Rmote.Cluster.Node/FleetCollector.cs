using Akka.Actor;

namespace Rmote.Cluster.Node;

/// <summary>
/// Sends one <see cref="FleetInvoke"/> (streamed) to a fleet actor and summarises what came back:
/// <c>started=N streamed=N HOST=VALUE…</c> in the result's order (<c>HOST=!ExceptionType</c> for a failed host).
/// </summary>
public sealed class FleetCollector : ReceiveActor
{
    public FleetCollector(IActorRef fleet, FleetInvoke invoke, TaskCompletionSource<string> done)
    {
        var started = 0;
        var streamed = 0;
        fleet.Tell(invoke with { StreamHostOutcomes = true });
        Receive<HostStarted>(_ => started++);
        Receive<HostOutcome>(_ => streamed++);
        Receive<FleetInvokeResult>(result =>
        {
            var hosts = result.Hosts.Select(o => $"{o.Host}={(o.Succeeded ? o.Value : "!" + o.Error!.GetType().FullName)}");
            done.TrySetResult($"started={started} streamed={streamed} {string.Join(' ', hosts)}");
            Context.Stop(Self);
        });
        Receive<Status.Failure>(failure =>
        {
            done.TrySetException(failure.Cause);
            Context.Stop(Self);
        });
    }
}
