using Rmote.Templating.Parsing;

namespace Rmote.Templating.Members;

/// <summary>
/// One <c>value.Method(args)</c> in a compiled template. Remembers the method bound for the last receiver type and
/// argument types, so a call inside a loop resolves its overload once.
/// </summary>
internal sealed class MethodSite(string name, SourceSpan span)
{
    private sealed record Entry(Type Type, Type?[] ArgumentTypes, BoundMethod Method);

    private Entry? last;

    public object? Invoke(object? target, object?[] args)
    {
        if (target is null) throw span.Error($"Cannot call '{name}' on null");
        var type = target.GetType();
        var entry = last;
        if (entry is null || entry.Type != type || !SameTypes(entry.ArgumentTypes, args))
        {
            last = entry = new Entry(type, Array.ConvertAll(args, a => a?.GetType()), MethodResolver.Bind(type, name, args, span));
        }
        return entry.Method.Invoke(target, args, span);
    }

    private static bool SameTypes(Type?[] types, object?[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (types[i] != args[i]?.GetType()) return false;
        }
        return true;
    }
}
