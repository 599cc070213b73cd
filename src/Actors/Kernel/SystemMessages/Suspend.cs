namespace Rmote.Actors;

/// <summary>Stop processing user messages until a matching <see cref="Resume"/> or a restart (recursive).</summary>
internal sealed record Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}
