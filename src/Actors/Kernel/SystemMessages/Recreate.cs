namespace Rmote.Actors;

/// <summary>The supervisor's Restart directive.</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;
