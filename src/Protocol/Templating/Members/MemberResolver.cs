using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>
/// Finds and compiles the reader of <c>value.Name</c> for a runtime type, once per (type, name): public instance
/// properties and fields only, <c>Count</c> and <c>Length</c> interchangeable on collections, string-keyed
/// dictionaries answering with their entries first.
/// </summary>
internal static class MemberResolver
{
    private static readonly TypeTable<ConcurrentDictionary<string, MemberReader?>> Readers = new(static _ => new(StringComparer.Ordinal));

    /// <summary>The reader of <paramref name="name"/> on <paramref name="type"/>; null when the type has no such member.</summary>
    public static MemberReader? Resolve(Type type, string name) => Readers[type].GetOrAdd(name, static (n, t) => Create(t, n), type);

    private static MemberReader? Create(Type type, string name)
    {
        if (SandboxPolicy.IsForbidden(type)) return new ForbiddenMemberReader($"Members of '{type}' are not allowed in templates");
        var member = MemberReader(type, name);
        return IsStringKeyed(type) ? new DictionaryKeyReader(name, member) : member;
    }

    private static MemberReader? MemberReader(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        MemberInfo? member = type.GetProperties(flags)
            .FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true });
        member ??= type.GetFields(flags).FirstOrDefault(f => f.Name == name);
        if (member is null)
        {
            // Arrays have Length, lists have Count: either name works on both, as on JSON arrays.
            return (name is "Count" or "Length") && typeof(ICollection).IsAssignableFrom(type)
                ? new CompiledMemberReader(name, static o => ((ICollection)o).Count, admit: false)
                : null;
        }
        var valueType = member is PropertyInfo p2 ? p2.PropertyType : ((FieldInfo)member).FieldType;
        if (SandboxPolicy.IsForbidden(valueType) || SandboxPolicy.IsForbidden(member.DeclaringType!))
            return new ForbiddenMemberReader($"Member '{name}' of type '{valueType}' is not allowed in templates");
        return new CompiledMemberReader(name, Compile(member), SandboxPolicy.NeedsAdmission(valueType));
    }

    private static Func<object, object?> Compile(MemberInfo member)
    {
        var target = Expression.Parameter(typeof(object), "target");
        Expression read = Expression.MakeMemberAccess(Expression.Convert(target, member.DeclaringType!), member);
        // Booleans and small ints come from shared boxes instead of a new box per read.
        read = read.Type == typeof(int) || read.Type == typeof(bool)
            ? Expression.Call(typeof(Boxes).GetMethod(nameof(Boxes.Box), [read.Type])!, read)
            : Expression.Convert(read, typeof(object));
        return Expression.Lambda<Func<object, object?>>(read, target).Compile();
    }

    private static bool IsStringKeyed(Type type) =>
        typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type)
        || (typeof(IDictionary).IsAssignableFrom(type)
            && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)
                                             && i.GetGenericArguments()[0] == typeof(string)));
}
