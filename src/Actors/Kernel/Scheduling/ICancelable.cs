namespace Rmote.Actors;

/// <summary>A scheduled send that can be cancelled.</summary>
public interface ICancelable
{
    /// <summary>Whether <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Cancels the remaining sends; idempotent.</summary>
    void Cancel();
}
