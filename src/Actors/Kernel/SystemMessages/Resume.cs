namespace Rmote.Actors;

/// <summary>
/// Undoes one <see cref="Suspend"/>; with <paramref name="CausedByFailure"/> it is the supervisor's Resume directive
/// and also clears the failed state.
/// </summary>
internal sealed record Resume(Exception? CausedByFailure) : SystemMessage;
