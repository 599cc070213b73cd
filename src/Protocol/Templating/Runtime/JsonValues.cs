using System.Globalization;
using System.Text.Json;

namespace Rmote.Templating.Runtime;

/// <summary>
/// Turns JSON (a model that came over the wire) into the CLR values the original model was made of, so that a
/// template renders the same either way: objects become dictionaries (read with <c>a.b</c> like members), arrays
/// become lists (with <c>Count</c>, <c>Length</c>, <c>Contains</c>), numbers become <see cref="int"/> when they fit,
/// then <see cref="long"/>, then <see cref="double"/> or — when the text can't have come from a double, like
/// "1.50" — <see cref="decimal"/>.
/// </summary>
internal static class JsonValues
{
    /// <summary>The CLR value for <paramref name="element"/>, converted deeply.</summary>
    public static object? ToClr(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => ToList(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => ToNumber(element),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary><paramref name="value"/> itself, or its CLR form when it is a <see cref="JsonElement"/>.</summary>
    public static object? Normalize(object? value) => value is JsonElement element ? ToClr(element) : value;

    /// <summary>
    /// A dictionary model whose values may be JSON (e.g. <c>Dictionary&lt;string, object?&gt;</c> deserialized by
    /// System.Text.Json): a copy with CLR values, or the dictionary itself when it holds no JSON.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> dictionary)
    {
        if (!dictionary.Values.Any(v => v is JsonElement)) return dictionary;
        var copy = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        foreach (var (key, value) in dictionary) copy[key] = Normalize(value);
        return copy;
    }

    private static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject()) result[property.Name] = ToClr(property.Value);
        return result;
    }

    private static List<object?> ToList(JsonElement element)
    {
        var result = new List<object?>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray()) result.Add(ToClr(item));
        return result;
    }

    private static object ToNumber(JsonElement element)
    {
        if (element.TryGetInt32(out var i)) return i;
        if (element.TryGetInt64(out var l)) return l;
        var raw = element.GetRawText();
        return IsDecimal(raw) && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? m
            : element.GetDouble();
    }

    // System.Text.Json writes a double in its shortest round-trip form: never a trailing zero after the point, never
    // more than 17 significant digits, an exponent when it needs one. Anything else was a decimal ("1.50"), or an
    // integer too large for long. Doubles come back as doubles, so arithmetic on them matches the original too.
    private static bool IsDecimal(string raw)
    {
        if (raw.AsSpan().IndexOfAny('e', 'E') >= 0) return false;
        var point = raw.IndexOf('.');
        if (point < 0) return true;
        var digits = raw.Count(char.IsAsciiDigit) - raw.TakeWhile(c => c is '-' or '0' or '.').Count(char.IsAsciiDigit);
        return raw[^1] == '0' || digits > 17;
    }
}
