namespace Rmote.Actors;

/// <summary>The parent of every top-level actor (<c>/user</c>). It receives no messages of its own.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}
