using System.Collections.Concurrent;
using System.Reflection;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Invocation;

/// <summary>
/// Finds a tool method by its wire key (<see cref="ToolMethodKey"/>) — how a <see cref="ToolCall"/>, which carries
/// only names, becomes a callable <see cref="ToolMethod"/> on the side that runs it. Lookups are cached per key.
/// </summary>
internal static class ToolMethods
{
    private static readonly ConcurrentDictionary<string, ToolMethod> Known = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="method"/> known under its key (the creating side needs no lookup).</summary>
    public static ToolMethod Remember(ToolMethod method) => Known.GetOrAdd(method.Key.Value, method);

    /// <summary>The method with <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">No loaded or loadable [Tool] class has that method.</exception>
    public static ToolMethod Resolve(string key) =>
        Known.TryGetValue(key, out var known) ? known : Known.GetOrAdd(key, Find(ToolMethodKey.Parse(key)));

    private static ToolMethod Find(ToolMethodKey key)
    {
        var type = FindType(key) ?? throw new ArgumentException(
            $"The tool class {key.TypeName} (assembly {key.AssemblyName}) is not available in this process; the process that runs a ToolCall needs the tool's assembly.");
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)
            .FirstOrDefault(m => m.Name == key.MethodName && ToolMethodKey.For(type, m).Value == key.Value)
            ?? throw new ArgumentException($"The tool class {key.TypeName} has no method {key.Value[(key.Value.LastIndexOf('|') + 1)..]}.");
        return ToolMethod.For(type, method);
    }

    private static Type? FindType(ToolMethodKey key)
    {
        // Loaded already (the common case, also for assemblies loaded from a path or bytes), else by name.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            if (string.Equals(assembly.GetName().Name, key.AssemblyName, StringComparison.Ordinal) && assembly.GetType(key.TypeName) is { } loaded)
                return loaded;
        try
        {
            return Type.GetType($"{key.TypeName}, {key.AssemblyName}", throwOnError: false);
        }
        catch (Exception failure) when (failure is FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
