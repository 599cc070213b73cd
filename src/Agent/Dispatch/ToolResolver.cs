using System.Collections.Concurrent;
using System.Reflection;
using Rmote.Agent.Loading;
using Rmote.Protocol.Tools;

namespace Rmote.Agent.Dispatch;

/// <summary>
/// Finds the method a request's key names — only public static methods of [Tool] classes in synced assemblies — and
/// caches the invoker by key, so a repeated call costs one dictionary lookup.
/// </summary>
internal sealed class ToolResolver(ToolLoadContext tools)
{
    private readonly ConcurrentDictionary<string, ToolInvoker> cache = new(StringComparer.Ordinal);

    /// <summary>The invoker for <paramref name="key"/>.</summary>
    /// <exception cref="MissingMethodException">The assembly, type or method does not exist or is not a tool method.</exception>
    public ToolInvoker Resolve(string key) => cache.TryGetValue(key, out var invoker) ? invoker : cache.GetOrAdd(key, Create(key));

    private ToolInvoker Create(string value)
    {
        var key = ToolMethodKey.Parse(value);
        var assembly = tools.Find(key.AssemblyName)
            ?? throw new MissingMethodException($"Tool assembly '{key.AssemblyName}' has not been synced to this agent (needed for {key.TypeName}.{key.MethodName}).");
        var type = assembly.GetType(key.TypeName, throwOnError: false)
            ?? throw new MissingMethodException($"Tool type '{key.TypeName}' was not found in assembly '{key.AssemblyName}'.");
        if (!type.IsDefined(typeof(ToolAttribute), inherit: false))
        {
            throw new MissingMethodException($"'{key.TypeName}' is not a tool: only public static methods of classes marked [Tool] can be called.");
        }

        // Loops, not LINQ: this runs on an agent's first call, and System.Linq is an assembly it need not load.
        var candidates = new List<MethodInfo>();
        MethodInfo? method = null;
        foreach (var candidate in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy))
        {
            if (candidate.Name != key.MethodName || candidate.IsGenericMethodDefinition) continue;
            candidates.Add(candidate);
            if (method is null && ToolMethodKey.For(type, candidate).Value == value) method = candidate;
        }

        if (method is null)
        {
            var overloads = candidates.Count == 0 ? "it has no public static method of that name"
                : "available: " + string.Join("; ", candidates.ConvertAll(m => ToolMethodKey.For(type, m).Value[(key.AssemblyName.Length + 1)..]));
            throw new MissingMethodException($"Tool method '{value[(key.AssemblyName.Length + 1)..]}' was not found in [Tool] {key.TypeName}: {overloads}.");
        }

        return new ToolInvoker(ToolMethod.For(type, method));
    }
}
