using Microsoft.Extensions.Logging;

namespace Rmote.Actors;

/// <summary>
/// The parent of the user guardian. It is not an actor: it only reacts to the guardian's end (the system has terminated)
/// and to an escalated failure that nobody below handled (the system terminates).
/// </summary>
internal sealed class RootActorRef(ActorSystem system, ActorPath path) : ActorRefBase(system, path)
{
    public override bool IsTerminated => System.WhenTerminated.IsCompleted;

    public override void Tell(object message, IActorRef? sender) => System.PublishDeadLetter(message, sender, this);

    internal override void SendSystem(SystemMessage message)
    {
        switch (message)
        {
            case ChildTerminated:
                System.OnGuardianTerminated();
                break;
            case Failed failed:
                System.Log.LogCritical(failed.Cause, "The user guardian failed; terminating actor system {System}", System.Name);
                _ = System.Terminate();
                break;
        }
    }
}
