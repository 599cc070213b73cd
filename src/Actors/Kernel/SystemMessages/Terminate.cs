namespace Rmote.Actors;

/// <summary>Stop the actor: children first, then <c>PostStop</c>, then tell watchers.</summary>
internal sealed record Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}
