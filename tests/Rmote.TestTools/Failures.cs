using System.Runtime.CompilerServices;

namespace Rmote.TestTools;

[Tool]
public static class Failures
{
    public static string MissingFile(string path) => File.ReadAllText(path);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Custom(string reason)
    {
        var inner = new InvalidOperationException("inner cause");
        var failure = new QuotaExceededException(reason, inner);
        failure.Data["quota"] = 10;
        failure.Data["user"] = "alice";
        throw failure;
    }

    public static async Task<int> CustomAsync(string reason)
    {
        await Task.Yield();
        throw new QuotaExceededException(reason, null);
    }

    public static int Unserializable() => throw new HostileException();

    public static int Aggregate() => throw new AggregateException("several", new ArgumentException("first"), new FormatException("second"));

    public static Unserializable UnserializableResult() => new();
}

public class QuotaExceededException(string message, Exception? inner) : Exception(message, inner)
{
    public QuotaExceededException(string message) : this(message, null)
    {
    }
}

/// <summary>An exception fighting every attempt to describe it.</summary>
public sealed class HostileException : Exception
{
    public HostileException() => Data["evil"] = new ToStringThrows();

    public override string Message => throw new InvalidOperationException("no message for you");

    public override string StackTrace => throw new InvalidOperationException("no stack for you");

    private sealed class ToStringThrows
    {
        public override string ToString() => throw new InvalidOperationException("no string for you");
    }
}

/// <summary>System.Text.Json cannot serialize a property that throws.</summary>
public sealed class Unserializable
{
    public int Value => throw new InvalidOperationException("cannot read Value");
}
