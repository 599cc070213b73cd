using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Errors;

/// <summary>
/// Turns an <see cref="ExceptionPayload"/> back into an exception. The type is looked up only among assemblies that
/// are already loaded (nothing is loaded on the other side's behalf) and accepted only if it derives from
/// <see cref="Exception"/>; anything else becomes a <see cref="RemoteException"/>.
/// </summary>
internal static class ExceptionRebuilder
{
    private static readonly ConcurrentDictionary<(string TypeName, string? AssemblyName), Type> KnownTypes = new();
    private static readonly IReadOnlyDictionary<string, string?> NoProperties = new Dictionary<string, string?>();

    public static Exception Rebuild(ExceptionPayload payload)
    {
        var inner = payload.InnerExceptions is { Length: > 0 } inners ? Array.ConvertAll(inners, Rebuild) : [];
        var properties = (IReadOnlyDictionary<string, string?>?)payload.Properties ?? NoProperties;
        var exception = ResolveType(payload.TypeName, payload.AssemblyName) is { } type ? TryCreate(type, payload, inner) : null;
        if (exception is null)
        {
            exception = new RemoteException(payload.Message, payload.TypeName, payload.StackTrace, inner.FirstOrDefault()) { RemoteProperties = properties };
        }
        else
        {
            ExceptionProperties.Restore(exception, properties);
        }

        exception.HResult = payload.HResult;
        if (payload.Data is not null)
        {
            foreach (var (key, value) in payload.Data)
            {
                exception.Data[key] = value;
            }
        }

        if (!string.IsNullOrEmpty(payload.StackTrace))
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, payload.StackTrace);
        }

        return exception;
    }

    private static Type? ResolveType(string typeName, string? assemblyName)
    {
        if (KnownTypes.TryGetValue((typeName, assemblyName), out var known))
        {
            return known;
        }

        // The defining assembly first (by simple name), then any loaded assembly (types move between assemblies, e.g.
        // System.Private.CoreLib vs System.Runtime); never loading anything.
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        var type = Find(assemblies.Where(a => a.GetName().Name == assemblyName), typeName)
            ?? Find(assemblies, typeName);
        if (type is not null)
        {
            KnownTypes.TryAdd((typeName, assemblyName), type);
        }

        return type;
    }

    private static Type? Find(IEnumerable<Assembly> assemblies, string typeName)
    {
        foreach (var assembly in assemblies)
        {
            Type? type;
            try
            {
                type = assembly.GetType(typeName, throwOnError: false);
            }
            catch (Exception)
            {
                continue;
            }

            if (type is { IsAbstract: false, ContainsGenericParameters: false } && typeof(Exception).IsAssignableFrom(type))
            {
                return type;
            }
        }

        return null;
    }

    private static Exception? TryCreate(Type type, ExceptionPayload payload, Exception[] inner)
    {
        var message = payload.Message;
        var first = inner.FirstOrDefault();
        try
        {
            if (inner.Length > 1 && typeof(AggregateException).IsAssignableFrom(type)
                && Create(type, [typeof(string), typeof(IEnumerable<Exception>)], message, inner) is { } aggregate)
            {
                return aggregate;
            }

            // (string, Exception) first: every BCL exception takes a message there, while the (string) constructor of
            // ArgumentNullException, ArgumentOutOfRangeException or ObjectDisposedException takes a name instead.
            return TryCreateWithProperties(type, payload, first)
                ?? Create(type, [typeof(string), typeof(Exception)], message, first)
                ?? Create(type, [typeof(string)], message);
        }
        catch (Exception)
        {
            // A constructor that throws: fall back to RemoteException rather than losing the error.
            return null;
        }
    }

    // A few BCL types keep data in get-only properties that only a constructor sets; everything with a public setter or
    // init accessor is restored afterwards by ExceptionProperties.Restore.
    private static Exception? TryCreateWithProperties(Type type, ExceptionPayload payload, Exception? inner)
    {
        if ((type == typeof(FileNotFoundException) || type == typeof(FileLoadException))
            && payload.Properties?.GetValueOrDefault("FileName") is { } fileName)
        {
            return inner is null
                ? Create(type, [typeof(string), typeof(string)], payload.Message, fileName)
                : Create(type, [typeof(string), typeof(string), typeof(Exception)], payload.Message, fileName, inner);
        }

        return null;
    }

    private static Exception? Create(Type type, Type[] parameterTypes, params object?[] arguments) =>
        type.GetConstructor(parameterTypes)?.Invoke(arguments) as Exception;
}
