namespace Rmote.Actors;

/// <summary>
/// Sent to an actor that has been idle for the time given to <see cref="IActorContext.SetReceiveTimeout"/>; sent
/// again after each further idle period until the timeout is cleared.
/// </summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The only instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<ReceiveTimeout>";
}
