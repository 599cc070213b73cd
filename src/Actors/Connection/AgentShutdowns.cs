namespace Rmote.Actors.Connection;

/// <summary>
/// Every agent shutdown still under way in one <see cref="ActorSystem"/> (an Akka extension). A stopped link closes its
/// transport in the background — the writer drains, the agent is asked to exit, then escalated — so an owner of many
/// connections (a fleet) that must not return before its agents are gone waits here instead of on each connection.
/// </summary>
internal sealed class AgentShutdowns : IExtension
{
    private readonly HashSet<Task> pending = [];

    /// <summary>Records <paramref name="shutdown"/> until it completes.</summary>
    public void Track(Task shutdown)
    {
        lock (pending) pending.Add(shutdown);
        shutdown.ContinueWith(done =>
        {
            lock (pending) pending.Remove(done);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when every shutdown under way now has finished (each is bounded by its transport's escalation).</summary>
    public Task WhenAllAsync()
    {
        lock (pending) return Task.WhenAll(pending.ToArray());
    }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static AgentShutdowns For(ActorSystem system) => system.WithExtension<AgentShutdowns, Provider>();

    private sealed class Provider : ExtensionIdProvider<AgentShutdowns>
    {
        public override AgentShutdowns CreateExtension(ExtendedActorSystem system) => new();
    }
}
