using System.Collections;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Errors;

/// <summary>Turns an exception into an <see cref="ExceptionPayload"/> without ever throwing.</summary>
internal static class ExceptionCapture
{
    // Inner chains are cut at this depth: a payload must stay small and finite whatever the exception graph is.
    private const int MaxDepth = 16;
    private const int MaxDataEntries = 64;

    public static ExceptionPayload Capture(Exception exception) => Capture(exception, 0);

    private static ExceptionPayload Capture(Exception exception, int depth)
    {
        var type = exception.GetType();
        try
        {
            var remote = exception as RemoteException;
            return new ExceptionPayload(
                remote?.RemoteTypeName ?? type.FullName ?? type.Name,
                remote is null ? type.Assembly.GetName().Name : null,
                Safe(() => exception.Message) ?? string.Empty,
                Safe(() => remote?.RemoteStackTrace ?? exception.StackTrace),
                exception.HResult,
                Safe(() => CaptureData(exception)),
                depth < MaxDepth ? Safe(() => CaptureInner(exception, depth)) : null,
                Safe(() => remote is null ? ExceptionProperties.Capture(exception) : Forward(remote.RemoteProperties)));
        }
        catch (Exception failure)
        {
            return new ExceptionPayload(type.FullName ?? type.Name, null, $"(the exception could not be captured: {failure.GetType().Name})", null, exception.HResult, null, null, null);
        }
    }

    private static Dictionary<string, string?>? CaptureData(Exception exception)
    {
        if (exception.Data.Count == 0)
        {
            return null;
        }

        var data = new Dictionary<string, string?>();
        foreach (DictionaryEntry entry in exception.Data)
        {
            if (data.Count == MaxDataEntries)
            {
                break;
            }

            var key = Safe(() => entry.Key.ToString()) ?? "(unprintable key)";
            data[key] = Safe(() => entry.Value?.ToString());
        }

        return data;
    }

    // A RemoteException passed on (a type this side could not rebuild) forwards what it received, not its own members.
    private static Dictionary<string, string?>? Forward(IReadOnlyDictionary<string, string?> properties) =>
        properties.Count == 0 ? null : new Dictionary<string, string?>(properties);

    private static ExceptionPayload[]? CaptureInner(Exception exception, int depth) => exception switch
    {
        AggregateException aggregate => [.. aggregate.InnerExceptions.Select(inner => Capture(inner, depth + 1))],
        { InnerException: { } inner } => [Capture(inner, depth + 1)],
        _ => null,
    };

    private static T? Safe<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception failure)
        {
            return typeof(T) == typeof(string) ? (T)(object)$"(unavailable: {failure.GetType().Name})" : default;
        }
    }
}
