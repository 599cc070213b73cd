using System.Collections.Concurrent;
using System.Reflection;
using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>
/// Overload resolution for <c>value.Method(args)</c>: public, non-generic instance methods whose parameter and return
/// types the sandbox allows; the best fit of the actual argument values wins. Candidates are cached per
/// (type, name); the chosen method is cached by the call site.
/// </summary>
internal static class MethodResolver
{
    private static readonly TypeTable<ConcurrentDictionary<string, MethodInfo[]>> Candidates = new(static _ => new(StringComparer.Ordinal));

    /// <summary>The method <paramref name="name"/> of <paramref name="type"/> that best takes <paramref name="args"/>.</summary>
    public static BoundMethod Bind(Type type, string name, object?[] args, SourceSpan span)
    {
        if (SandboxPolicy.IsForbidden(type)) throw span.Error($"Members of '{type}' are not allowed in templates");
        var all = Candidates[type].GetOrAdd(name, static (n, t) => Find(t, n), type);
        if (all.Length == 0) throw span.Error($"'{type.Name}' has no public method '{name}'");
        var allowed = all.Where(IsAllowed).ToArray();
        if (allowed.Length == 0) throw span.Error($"Method '{name}' is not allowed in templates");
        MethodInfo? best = null;
        var bestScore = -1;
        foreach (var method in allowed)
        {
            var score = Score(method.GetParameters(), args);
            if (score > bestScore) (best, bestScore) = (method, score);
        }
        if (best is null)
        {
            var types = string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"));
            throw span.Error($"No overload of '{type.Name}.{name}' takes ({types})");
        }
        return new BoundMethod(best);
    }

    // The type's own methods first, then those of its interfaces: arrays implement Contains and IndexOf only
    // explicitly, yet "tags.Contains(x)" has to work on an array as it does on the list a JSON array becomes.
    private static MethodInfo[] Find(Type type, string name) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Concat(type.GetInterfaces().SelectMany(i => i.GetMethods()))
            .Where(m => m.Name == name && (!m.IsSpecialName || name == "get_Item") && !m.ContainsGenericParameters)
            .ToArray();

    private static bool IsAllowed(MethodInfo method) =>
        !SandboxPolicy.IsForbidden(method.DeclaringType!)
        && (method.ReturnType == typeof(void) || !SandboxPolicy.IsForbidden(method.ReturnType))
        && method.GetParameters().All(p => !p.ParameterType.IsByRef && !SandboxPolicy.IsForbidden(p.ParameterType));

    // Sum of argument fits; -1 when an argument does not fit or a missing parameter has no default.
    private static int Score(ParameterInfo[] parameters, object?[] args)
    {
        if (args.Length > parameters.Length) return -1;
        var score = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i >= args.Length)
            {
                if (!parameters[i].HasDefaultValue) return -1;
                continue;
            }
            var fit = BoundMethod.Fit(args[i], parameters[i].ParameterType);
            if (fit < 0) return -1;
            score += fit;
        }
        // Prefer the overload that needs no defaults filled in.
        return score * 2 + (parameters.Length == args.Length ? 1 : 0);
    }
}
