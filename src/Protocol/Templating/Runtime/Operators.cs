using System.Collections;
using Rmote.Templating.Parsing;

namespace Rmote.Templating.Runtime;

/// <summary>
/// The operators of the expression language on boxed values. Numbers follow C#: <c>int</c> op <c>int</c> is an
/// <c>int</c> (7 / 2 is 3), the wider of two types wins (int &lt; long &lt; decimal &lt; double), overflow is an error
/// instead of a silent wrap. <c>+</c> with a string on either side concatenates the rendered values.
/// </summary>
internal static class Operators
{
    private enum NumberKind { None, Int, Long, Decimal, Double }

    /// <summary>Python-like truth, so <c>% if hosts</c> reads naturally: null, false, 0, "" and empty collections are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        ICollection c => c.Count > 0,
        IEnumerable e => HasAny(e),
        _ => Kind(value) switch
        {
            NumberKind.None => true,
            NumberKind.Double => ToDouble(value) != 0,
            _ => ToDecimal(value) != 0,
        },
    };

    public static object? Add(object? a, object? b, SourceSpan span)
    {
        if (a is int x && b is int y) return Narrow((long)x + y, span);
        if (a is string || b is string || a is char || b is char) return ValueFormatter.Format(a) + ValueFormatter.Format(b);
        return Arithmetic(a, b, "+", span, static (l, r) => checked(l + r), static (l, r) => l + r, static (l, r) => l + r);
    }

    public static object? Subtract(object? a, object? b, SourceSpan span) =>
        Arithmetic(a, b, "-", span, static (l, r) => checked(l - r), static (l, r) => l - r, static (l, r) => l - r);

    public static object? Multiply(object? a, object? b, SourceSpan span) =>
        Arithmetic(a, b, "*", span, static (l, r) => checked(l * r), static (l, r) => l * r, static (l, r) => l * r);

    public static object? Divide(object? a, object? b, SourceSpan span) =>
        Arithmetic(a, b, "/", span, static (l, r) => l / r, static (l, r) => l / r, static (l, r) => l / r);

    public static object? Remainder(object? a, object? b, SourceSpan span) =>
        Arithmetic(a, b, "%", span, static (l, r) => l % r, static (l, r) => l % r, static (l, r) => l % r);

    public static object? Negate(object? a, SourceSpan span) => Kind(a) switch
    {
        NumberKind.Int => Narrow(-ToLong(a), span),
        NumberKind.Long => ToLong(a) != long.MinValue ? -ToLong(a) : throw span.Error("Arithmetic overflow"),
        NumberKind.Decimal => -ToDecimal(a),
        NumberKind.Double => -ToDouble(a),
        _ => throw span.Error($"Operator '-' cannot be applied to {Describe(a)}"),
    };

    public static object? Plus(object? a, SourceSpan span) =>
        Kind(a) != NumberKind.None ? a : throw span.Error($"Operator '+' cannot be applied to {Describe(a)}");

    /// <summary><c>==</c>: numbers by value across types, strings ordinally, everything else by <c>Equals</c>.</summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        var kind = Wider(Kind(a), Kind(b));
        if (Kind(a) == NumberKind.None || Kind(b) == NumberKind.None) kind = NumberKind.None;
        return kind switch
        {
            NumberKind.None => a.Equals(b),
            NumberKind.Double => ToDouble(a).Equals(ToDouble(b)),
            _ => ToDecimal(a) == ToDecimal(b),
        };
    }

    /// <summary>Orders two values: numbers across types, strings ordinally, else values of one IComparable type.</summary>
    public static int Compare(object? a, object? b, SourceSpan span)
    {
        var (ka, kb) = (Kind(a), Kind(b));
        if (ka != NumberKind.None && kb != NumberKind.None)
            return Wider(ka, kb) == NumberKind.Double ? ToDouble(a).CompareTo(ToDouble(b)) : ToDecimal(a).CompareTo(ToDecimal(b));
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        if (a is IComparable ca && b is not null && a.GetType() == b.GetType()) return ca.CompareTo(b);
        throw span.Error($"Cannot compare {Describe(a)} with {Describe(b)}");
    }

    /// <summary>Describes a value's type for error messages.</summary>
    public static string Describe(object? value) => value is null ? "null" : $"a value of type '{value.GetType().Name}'";

    /// <summary>Converts an integral number to <see cref="int"/> (indexes, range bounds), or fails.</summary>
    public static int ToIndex(object? value, SourceSpan span) => Kind(value) switch
    {
        NumberKind.Int => Convert.ToInt32(value),
        NumberKind.Long when ToLong(value) is >= int.MinValue and <= int.MaxValue => (int)ToLong(value),
        _ => throw span.Error($"Expected an integer, got {Describe(value)}"),
    };

    private static object? Arithmetic(object? a, object? b, string op, SourceSpan span,
        Func<long, long, long> integral, Func<decimal, decimal, decimal> dec, Func<double, double, double> dbl)
    {
        var kind = Wider(Kind(a), Kind(b));
        if (Kind(a) == NumberKind.None || Kind(b) == NumberKind.None)
            throw span.Error($"Operator '{op}' cannot be applied to {Describe(a)} and {Describe(b)}");
        try
        {
            return kind switch
            {
                NumberKind.Int => checked((int)integral(ToLong(a), ToLong(b))),
                NumberKind.Long => integral(ToLong(a), ToLong(b)),
                NumberKind.Decimal => dec(ToDecimal(a), ToDecimal(b)),
                _ => dbl(ToDouble(a), ToDouble(b)),
            };
        }
        catch (Exception e) when (e is ArithmeticException)
        {
            throw span.Error($"Arithmetic error in '{op}': {e.Message}", e);
        }
    }

    // The int fast path without a try block: compute in long, check the range.
    private static object Narrow(long value, SourceSpan span) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw span.Error("Arithmetic overflow");

    private static bool HasAny(IEnumerable sequence)
    {
        var enumerator = sequence.GetEnumerator();
        try { return enumerator.MoveNext(); }
        finally { (enumerator as IDisposable)?.Dispose(); }
    }

    private static NumberKind Kind(object? value) => value is null or Enum ? NumberKind.None : Type.GetTypeCode(value.GetType()) switch
    {
        TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => NumberKind.Int,
        TypeCode.UInt32 or TypeCode.Int64 => NumberKind.Long,
        TypeCode.UInt64 or TypeCode.Decimal => NumberKind.Decimal,
        TypeCode.Single or TypeCode.Double => NumberKind.Double,
        _ => NumberKind.None,
    };

    private static NumberKind Wider(NumberKind a, NumberKind b) => a > b ? a : b;

    private static long ToLong(object? value) => Convert.ToInt64(value);

    private static decimal ToDecimal(object? value) => Convert.ToDecimal(value);

    private static double ToDouble(object? value) => Convert.ToDouble(value);
}
