namespace Rmote.Actors;

/// <summary>
/// Stops the receiver once it gets to this message: messages sent before it are processed first, later ones go to dead
/// letters.
/// </summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<PoisonPill>";
}
