namespace Rmote.Actors;

/// <summary>
/// Makes the receiver fail with <see cref="ActorKilledException"/> when it gets to this message; its supervisor decides
/// what happens next (the default strategy stops it).
/// </summary>
public sealed class Kill
{
    private Kill() { }

    /// <summary>The only instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<Kill>";
}
