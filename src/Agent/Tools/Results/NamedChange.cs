namespace Rmote.Tools;

/// <summary>The outcome of a converging operation on something with a name (a user, a key, a repository).</summary>
/// <param name="Name">What the operation acted on.</param>
/// <param name="Changed">Whether the system changed.</param>
public sealed record NamedChange(string Name, bool Changed);
