namespace Rmote.Actors;

/// <summary>
/// The SynchronizationContext of one actor instance: <c>await</c> continuations are queued into the actor's mailbox
/// instead of running on an arbitrary thread.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.SendSystem(new ContinueAsync(this, d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send into an actor would deadlock; use Post.");

    public override SynchronizationContext CreateCopy() => this;
}
