using System.Runtime.CompilerServices;

namespace Rmote.Templating.Runtime;

/// <summary>
/// A per-type cache that doesn't keep types alive: on the agent, tool assemblies (and the model types they define)
/// live in their own load contexts, which a static dictionary keyed by <see cref="Type"/> would pin forever.
/// </summary>
internal sealed class TypeTable<TValue>(Func<Type, TValue> create) where TValue : class
{
    private readonly ConditionalWeakTable<Type, TValue> table = new();

    public TValue this[Type type] => table.TryGetValue(type, out var value) ? value : table.GetValue(type, t => create(t));
}
