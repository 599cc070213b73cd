using System.Collections;
using Rmote.Templating.Parsing;

namespace Rmote.Templating.Runtime;

/// <summary>
/// The functions a template can call by name: <c>len(x)</c>, <c>range(stop)</c> / <c>range(start, stop[, step])</c>,
/// <c>sorted(items)</c>, <c>join(separator, items)</c>, <c>str(x)</c>. Nothing else is callable without a receiver.
/// </summary>
internal static class Builtins
{
    /// <summary>A built-in function: computes its result from the values of its arguments.</summary>
    public delegate object? Function(object?[] args, SourceSpan span);

    private static readonly Dictionary<string, (int Min, int Max, Function Body)> Functions = new(StringComparer.Ordinal)
    {
        ["len"] = (1, 1, Length),
        ["range"] = (1, 3, Range),
        ["sorted"] = (1, 1, Sorted),
        ["join"] = (2, 2, Join),
        ["str"] = (1, 1, static (args, _) => ValueFormatter.Format(args[0])),
    };

    /// <summary>The function <paramref name="name"/> taking <paramref name="count"/> arguments; a syntax error otherwise.</summary>
    public static Function Resolve(string name, int count, SourceSpan span)
    {
        if (!Functions.TryGetValue(name, out var function)) throw span.Error($"Unknown function '{name}'");
        if (count < function.Min || count > function.Max)
        {
            var expected = function.Min == function.Max ? $"{function.Min}" : $"{function.Min} to {function.Max}";
            throw span.Error($"Function '{name}' takes {expected} argument(s), got {count}");
        }
        return function.Body;
    }

    private static object Length(object?[] args, SourceSpan span) => args[0] switch
    {
        string s => s.Length,
        ICollection c => c.Count,
        IEnumerable e => Count(e, span),
        var other => throw span.Error($"len() cannot be applied to {Operators.Describe(other)}"),
    };

    private static int Count(IEnumerable sequence, SourceSpan span)
    {
        var count = 0;
        foreach (var _ in sequence)
        {
            if (++count == int.MaxValue) throw span.Error("len(): sequence too long");
        }
        return count;
    }

    private static object Range(object?[] args, SourceSpan span)
    {
        var bounds = Array.ConvertAll(args, a => Operators.ToIndex(a, span));
        var (start, stop, step) = bounds.Length switch
        {
            1 => (0, bounds[0], 1),
            2 => (bounds[0], bounds[1], 1),
            _ => (bounds[0], bounds[1], bounds[2]),
        };
        return step != 0 ? new IntRange(start, stop, step) : throw span.Error("range() step must not be zero");
    }

    private static object Sorted(object?[] args, SourceSpan span)
    {
        if (args[0] is not IEnumerable sequence || args[0] is string)
            throw span.Error($"sorted() cannot be applied to {Operators.Describe(args[0])}");
        var items = sequence.Cast<object?>().ToList();
        items.Sort((a, b) => Operators.Compare(a, b, span));
        return items;
    }

    private static object Join(object?[] args, SourceSpan span)
    {
        if (args[1] is not IEnumerable sequence || args[1] is string)
            throw span.Error($"join() needs a sequence as its second argument, got {Operators.Describe(args[1])}");
        return string.Join(ValueFormatter.Format(args[0]), sequence.Cast<object?>().Select(ValueFormatter.Format));
    }
}
