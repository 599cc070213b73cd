using System.Reflection;
using System.Text.Json;
using Rmote.Templating.Parsing;

namespace Rmote.Templating.Runtime;

/// <summary>
/// The sandbox boundary: which types a template may never touch. A template reaches only public instance members of
/// the values it is given; this policy stops the escape hatches from there: reflection (<c>GetType()</c>,
/// <c>Type</c>, <c>Assembly</c>, <c>MethodInfo</c>, ...), delegates (no invocation of a callable), expression trees
/// (they compile to delegates), raw handles and pointers, and assembly loading.
/// </summary>
internal static class SandboxPolicy
{
    private static readonly TypeTable<object> Verdicts = new(static type => Judge(type));
    private static readonly TypeTable<object> ItemVerdicts = new(static type => JudgeItems(type));

    private static readonly string[] ForbiddenNamespaces =
    [
        "System.Reflection", "System.Runtime.Loader", "System.Runtime.InteropServices", "System.Runtime.CompilerServices",
        "System.Linq.Expressions",
    ];

    private static readonly Type[] ForbiddenTypes =
    [
        typeof(AppDomain), typeof(RuntimeTypeHandle), typeof(RuntimeMethodHandle), typeof(RuntimeFieldHandle),
        typeof(ModuleHandle), typeof(IntPtr), typeof(UIntPtr), typeof(Activator),
    ];

    /// <summary>True when a template may not read, call or receive values of <paramref name="type"/>.</summary>
    public static bool IsForbidden(Type type) => (bool)Verdicts[type];

    /// <summary>
    /// Lets a value computed by a member of the model into the template: JSON becomes CLR values, and a value of a
    /// forbidden type (e.g. a <see cref="Type"/> behind a property typed <c>object</c>) is refused.
    /// </summary>
    public static object? Admit(object? value, SourceSpan span)
    {
        if (value is null or string) return value;
        if (value is JsonElement element) return JsonValues.ToClr(element);
        if (IsForbidden(value.GetType())) throw span.Error($"Values of type '{value.GetType()}' are not allowed in templates");
        return value;
    }

    /// <summary>
    /// True when values declared as <paramref name="declared"/> need <see cref="Admit"/> at run time: a sealed type or
    /// a value type that is allowed can only ever hold allowed values.
    /// </summary>
    public static bool NeedsAdmission(Type declared) =>
        !(declared.IsValueType || declared.IsSealed) || declared == typeof(JsonElement) || declared == typeof(JsonElement?);

    /// <summary>
    /// True when every item of a sequence of this runtime type is admissible without a check: its element type is
    /// sealed or a value type, allowed, and not JSON. Decided once per type, so a loop checks its items only when needed.
    /// </summary>
    public static bool ItemsNeedAdmission(Type sequenceType) => (bool)ItemVerdicts[sequenceType];

    private static bool JudgeItems(Type type)
    {
        var items = type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                ?.GetGenericArguments()[0];
        return items is null || NeedsAdmission(items) || IsForbidden(items);
    }

    private static bool Judge(Type type)
    {
        if (type.IsByRef || type.IsPointer || type.IsFunctionPointer) return true;
        if (type.HasElementType) return IsForbidden(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericArguments().Any(IsForbidden)) return true;
        if (typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)) return true;
        if (Array.IndexOf(ForbiddenTypes, type) >= 0) return true;
        var ns = type.Namespace ?? "";
        return ForbiddenNamespaces.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal));
    }
}
