using System.Collections;
using System.Globalization;
using System.Text;

namespace Rmote.Templating.Runtime;

/// <summary>
/// How values become text: invariant culture, <c>null</c> as nothing, booleans as <c>True</c>/<c>False</c> (like
/// rmote), sequences as <c>[a, b]</c> and dictionaries as <c>{ k = v }</c> (the shape of an anonymous object, so a
/// model that came as JSON renders like the original).
/// </summary>
internal static class ValueFormatter
{
    // Deep enough for any real config value, shallow enough that a list containing itself ends.
    private const int MaxDepth = 8;

    /// <summary>Appends the text of <paramref name="value"/>.</summary>
    public static void Append(StringBuilder output, object? value) => Append(output, value, 0);

    /// <summary>The text of <paramref name="value"/>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        _ => Formatted(value),
    };

    private static string Formatted(object value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder output, object? value, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                output.Append(s);
                return;
            case bool b:
                output.Append(b ? "True" : "False");
                return;
            case int i:
                // The most common number gets a path without the interpolation handler.
                Span<char> digits = stackalloc char[11];
                i.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                output.Append(digits[..written]);
                return;
            case IFormattable:
                // The handler formats ISpanFormattable values straight into the builder, without a string.
                output.Append(CultureInfo.InvariantCulture, $"{value}");
                return;
            case IDictionary or IReadOnlyDictionary<string, object?> when depth >= MaxDepth:
            case IEnumerable when depth >= MaxDepth:
                output.Append("...");
                return;
            case IDictionary dictionary:
                AppendEntries(output, Entries(dictionary), depth);
                return;
            case IReadOnlyDictionary<string, object?> dictionary:
                AppendEntries(output, dictionary.Select(e => ((object)e.Key, e.Value)), depth);
                return;
            case IEnumerable sequence:
                output.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    if (!first) output.Append(", ");
                    first = false;
                    Append(output, item, depth + 1);
                }
                output.Append(']');
                return;
            default:
                output.Append(value.ToString());
                return;
        }
    }

    // IDictionary's own enumerator yields DictionaryEntry; enumerating it as IEnumerable may yield KeyValuePairs.
    private static IEnumerable<(object Key, object? Value)> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext()) yield return (entries.Key, entries.Value);
    }

    private static void AppendEntries(StringBuilder output, IEnumerable<(object Key, object? Value)> entries, int depth)
    {
        output.Append('{');
        var first = true;
        foreach (var (key, item) in entries)
        {
            output.Append(first ? " " : ", ");
            first = false;
            Append(output, key, depth + 1);
            output.Append(" = ");
            Append(output, item, depth + 1);
        }
        output.Append(first ? "}" : " }");
    }
}
