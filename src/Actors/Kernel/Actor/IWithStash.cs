namespace Rmote.Actors;

/// <summary>
/// Implemented by actors that stash. The kernel sets <see cref="Stash"/> before <c>PreStart</c>; stashed messages are
/// put back into the mailbox when the actor restarts (and go to dead letters when it stops).
/// </summary>
public interface IWithStash
{
    /// <summary>The actor's stash (set by the kernel).</summary>
    IStash Stash { get; set; }
}
