namespace Rmote.Actors;

/// <summary>The unique name of an actor: its system and the chain of names from the root down.</summary>
public sealed class ActorPath
{
    private readonly string _text;

    private ActorPath(ActorPath? parent, string name, string text)
    {
        Parent = parent;
        Name = name;
        _text = text;
    }

    /// <summary>The last element: the name given to <c>ActorOf</c> (or generated, starting with <c>$</c>).</summary>
    public string Name { get; }

    /// <summary>The parent's path; <see langword="null"/> for the root.</summary>
    public ActorPath? Parent { get; }

    internal static ActorPath Root(string systemName) => new(null, "", $"rmote://{systemName}");

    /// <summary>The path of a child called <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(this, name, _text + "/" + name);

    /// <inheritdoc />
    public override string ToString() => _text;
}
