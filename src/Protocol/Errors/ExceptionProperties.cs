using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace Rmote.Protocol.Errors;

/// <summary>
/// The public data of an exception beyond what <see cref="Exception"/> itself has (<c>Line</c> of a
/// <see cref="TemplateException"/>, <c>ExitCode</c> of a <see cref="RemoteProcessException"/>, <c>Reason</c> of an
/// <c>RmoteConnectException</c>, a tool's own exception's properties …), as invariant-culture strings by name.
/// Capture takes every public readable property of a simple type (string, number, bool, char, enum, Guid, TimeSpan,
/// or a nullable of one); restore sets those of them that have a public <c>set</c> or <c>init</c> accessor on the
/// rebuilt instance. Only values are parsed from the wire, never types: the instance was already created as an
/// <see cref="Exception"/> subclass by <see cref="ExceptionRebuilder"/>.
/// </summary>
internal static class ExceptionProperties
{
    // A payload must stay small whatever the exception type declares.
    private const int MaxProperties = 32;

    // System.Exception's own members travel in their own payload fields (or not at all: TargetSite, Source, HelpLink).
    private static readonly HashSet<string> BaseMembers = [.. typeof(Exception).GetProperties().Select(p => p.Name)];

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Simple = new();

    /// <summary>The exception's simple public properties, or null when it has none. Never throws.</summary>
    public static Dictionary<string, string?>? Capture(Exception exception)
    {
        Dictionary<string, string?>? captured = null;
        foreach (var property in For(exception.GetType()))
        {
            string? text;
            try
            {
                // Null stays null (a converter would turn it into "").
                text = property.GetValue(exception) is { } value
                    ? TypeDescriptor.GetConverter(property.PropertyType).ConvertToInvariantString(value)
                    : null;
            }
            catch (Exception)
            {
                // A getter that throws: that property is left out, the others still travel.
                continue;
            }

            (captured ??= [])[property.Name] = text;
        }

        return captured;
    }

    /// <summary>Sets every settable simple property of <paramref name="exception"/> that <paramref name="properties"/> names.</summary>
    public static void Restore(Exception exception, IReadOnlyDictionary<string, string?> properties)
    {
        foreach (var property in For(exception.GetType()))
        {
            if (property.SetMethod is not { IsPublic: true } || !properties.TryGetValue(property.Name, out var text))
            {
                continue;
            }

            try
            {
                var value = text is null ? null : TypeDescriptor.GetConverter(property.PropertyType).ConvertFromInvariantString(text);
                if (value is not null || !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                {
                    property.SetValue(exception, value);
                }
            }
            catch (Exception)
            {
                // A value that does not parse, or a setter that validates and refuses it: the exception still arrives.
            }
        }
    }

    private static PropertyInfo[] For(Type type) => Simple.GetOrAdd(type, static type =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0
                && !BaseMembers.Contains(p.Name) && IsSimple(p.PropertyType))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Take(MaxProperties),
    ]);

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return (type.IsPrimitive && type != typeof(nint) && type != typeof(nuint)) || type.IsEnum || type == typeof(string)
            || type == typeof(decimal) || type == typeof(Guid) || type == typeof(TimeSpan);
    }
}
