using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>
/// One <c>value.Name</c> in a compiled template. Remembers the reader of the last runtime type it saw (an inline
/// cache: a loop over items of one type never looks up the shared cache).
/// </summary>
internal sealed class MemberSite(string name, SourceSpan span)
{
    // One reference, swapped whole, so concurrent renders never see a type paired with another type's reader.
    private sealed record Entry(Type Type, MemberReader? Reader);

    private Entry? last;

    public object? Read(object? target)
    {
        if (target is null) throw span.Error($"Cannot read '{name}' of null");
        var type = target.GetType();
        var entry = last;
        if (entry is null || entry.Type != type) last = entry = new Entry(type, MemberResolver.Resolve(type, name));
        if (entry.Reader is not null && entry.Reader.TryRead(target, span, out var value)) return value;
        throw span.Error($"{Operators.Describe(target)} has no public member or key '{name}'");
    }
}
