using Rmote.Templating.Parsing;

namespace Rmote.Templating.Members;

/// <summary>Reads one named member (<c>value.Name</c>) of values of one runtime type; resolved once per (type, name).</summary>
internal abstract class MemberReader
{
    /// <summary>
    /// Reads the member of <paramref name="target"/>. False when this target lacks it — only possible for dictionaries,
    /// whose keys differ from instance to instance.
    /// </summary>
    public abstract bool TryRead(object target, SourceSpan span, out object? value);
}
