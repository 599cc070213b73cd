namespace Rmote.Actors;

/// <summary>First message of every cell: construct the actor and run <c>PreStart</c>.</summary>
internal sealed record Create : SystemMessage
{
    public static readonly Create Instance = new();
}
