using System.Collections;
using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>
/// One <c>value[key]</c>: lists and arrays by integer position, strings by character, dictionaries by key (a missing
/// key is an error, not null), any other type through its public indexer.
/// </summary>
internal sealed class IndexSite(SourceSpan span)
{
    private readonly MethodSite indexer = new("get_Item", span);

    public object? Read(object? target, object? key)
    {
        switch (target)
        {
            case null:
                throw span.Error("Cannot index null");
            case string text:
                return text[Position(key, text.Length)];
            case IList list:
                return SandboxPolicy.Admit(list[Position(key, list.Count)], span);
            case IReadOnlyDictionary<string, object?> dictionary when key is string name:
                return dictionary.TryGetValue(name, out var value) ? SandboxPolicy.Admit(value, span) : throw Missing(key);
            case IDictionary dictionary when key is not null:
                return dictionary.Contains(key) ? SandboxPolicy.Admit(dictionary[key], span) : throw Missing(key);
            default:
                return indexer.Invoke(target, [key]);
        }
    }

    private int Position(object? key, int count)
    {
        var index = Operators.ToIndex(key, span);
        return index >= 0 && index < count ? index : throw span.Error($"Index {index} is out of range (count {count})");
    }

    private TemplateException Missing(object key) => span.Error($"Key '{ValueFormatter.Format(key)}' not found");
}
