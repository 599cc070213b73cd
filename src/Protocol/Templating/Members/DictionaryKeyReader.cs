using System.Collections;
using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>
/// <c>dict.key</c>: a dictionary with string keys answers member access with its entries first (so a JSON object
/// reads like the object it was made from), then with its own members (<c>Count</c>, <c>Keys</c>).
/// </summary>
internal sealed class DictionaryKeyReader(string key, MemberReader? fallback) : MemberReader
{
    public override bool TryRead(object target, SourceSpan span, out object? value)
    {
        switch (target)
        {
            case IReadOnlyDictionary<string, object?> dictionary when dictionary.TryGetValue(key, out value):
                value = SandboxPolicy.Admit(value, span);
                return true;
            case IDictionary dictionary when dictionary.Contains(key):
                value = SandboxPolicy.Admit(dictionary[key], span);
                return true;
        }
        value = null;
        return fallback is not null && fallback.TryRead(target, span, out value);
    }
}
