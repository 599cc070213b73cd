namespace Rmote.TestTools;

[Tool]
public static class Overloads
{
    public static string Describe(int value) => $"int {value}";

    public static string Describe(long value) => $"long {value}";

    public static string Describe(string value) => $"string {value}";

    public static string Describe(int first, int second) => $"int,int {first},{second}";

    public static string Describe(List<int> values) => $"list {string.Join(',', values)}";

    public static string Greet(string name, string greeting = "Hello", int times = 1, DayOfWeek day = DayOfWeek.Friday, CancellationToken cancellationToken = default) =>
        $"{string.Concat(Enumerable.Repeat(greeting + " ", times))}{name} on {day}{(cancellationToken.CanBeCanceled ? " (cancellable)" : string.Empty)}";
}

[Tool]
public static class Counter
{
    private static int count;

    public static int Increment() => Interlocked.Increment(ref count);
}

/// <summary>A non-tool base class whose helpers a tool inherits.</summary>
public class HelperBase
{
    public static int Helper() => 41;
}

[Tool]
public class Derived : HelperBase
{
    public static int UsesHelper() => Helper() + 1;
}
