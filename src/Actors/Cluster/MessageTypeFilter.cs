using Hyperion;

namespace Rmote.Actors.Cluster;

/// <summary>
/// Hyperion's type filter for Rmote's node-to-node messages: a type name is allowed only if it names one of
/// <see cref="ClusterSerialization.MessageTypes"/>. Hyperion asks with the full assembly-qualified name when it
/// serializes and with the short one (<c>Type, Assembly</c>) it wrote into the payload when it deserializes, so both
/// forms are matched (its own <c>TypeFilter</c> holds only the short form and so refuses every type on the way out).
/// </summary>
internal sealed class MessageTypeFilter : ITypeFilter
{
    private readonly HashSet<string> allowed;

    public MessageTypeFilter(IEnumerable<Type> types) =>
        allowed = new HashSet<string>(types.SelectMany(t => new[] { t.AssemblyQualifiedName!, ShortName(t) }), StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsAllowed(string typeName) => allowed.Contains(typeName);

    /// <summary>The form Hyperion writes into a payload: <c>Namespace.Type, Assembly</c>.</summary>
    public static string ShortName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
