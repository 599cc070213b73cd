using System.Reflection;

namespace Rmote.Protocol.Tools;

/// <summary>
/// The identity of a tool method on the wire:
/// <c>{assembly simple name}|{tool type full name}|{method name}({parameter type}, …)</c>, e.g.
/// <c>MyTools|MyTools.Disk|Usage(System.String)</c>. Parameter types (as <see cref="Type.ToString"/> prints them)
/// make overloads distinct; the type's full name keeps same-named tools in different namespaces apart. Both sides
/// compute the key with <see cref="For"/>, so the agent finds a method by comparing keys, and caches by key.
/// </summary>
public sealed class ToolMethodKey : IEquatable<ToolMethodKey>
{
    private ToolMethodKey(string value, string assemblyName, string typeName, string methodName)
    {
        Value = value;
        AssemblyName = assemblyName;
        TypeName = typeName;
        MethodName = methodName;
    }

    /// <summary>The whole key as sent on the wire.</summary>
    public string Value { get; }

    /// <summary>Simple name of the tool's assembly (the one that is synced).</summary>
    public string AssemblyName { get; }

    /// <summary>Full name of the tool type (nested types use <c>+</c>).</summary>
    public string TypeName { get; }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }

    /// <summary>The key of <paramref name="method"/> called through <paramref name="toolType"/>.</summary>
    public static ToolMethodKey For(Type toolType, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(toolType);
        ArgumentNullException.ThrowIfNull(method);
        var assemblyName = toolType.Assembly.GetName().Name ?? throw new ArgumentException($"The assembly of {toolType} has no name.", nameof(toolType));
        var typeName = toolType.FullName ?? throw new ArgumentException($"{toolType} has no full name.", nameof(toolType));
        var parameters = string.Join(", ", Array.ConvertAll(method.GetParameters(), p => p.ParameterType.ToString()));
        return new ToolMethodKey($"{assemblyName}|{typeName}|{method.Name}({parameters})", assemblyName, typeName, method.Name);
    }

    /// <summary>Parses a key received from the wire.</summary>
    /// <exception cref="ProtocolException">The text is not a method key.</exception>
    public static ToolMethodKey Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var typeStart = value.IndexOf('|', StringComparison.Ordinal) + 1;
        var methodStart = typeStart > 0 ? value.IndexOf('|', typeStart) + 1 : 0;
        var parameters = methodStart > 0 ? value.IndexOf('(', methodStart) : -1;
        if (typeStart <= 1 || methodStart <= typeStart + 1 || parameters <= methodStart || !value.EndsWith(')'))
        {
            throw new ProtocolException($"'{value}' is not a tool method key (assembly|type|method(parameter types)).");
        }

        return new ToolMethodKey(value, value[..(typeStart - 1)], value[typeStart..(methodStart - 1)], value[methodStart..parameters]);
    }

    /// <inheritdoc />
    public bool Equals(ToolMethodKey? other) => other is not null && other.Value == Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ToolMethodKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;
}
