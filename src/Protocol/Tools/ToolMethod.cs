using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Rmote.Protocol.Serialization;

namespace Rmote.Protocol.Tools;

/// <summary>
/// Everything both sides precompute once per tool method: its <see cref="ToolMethodKey"/>, the JSON contracts of its
/// parameters and result, and the request prefix. The host encodes a call with <see cref="CreateRequest"/> and decodes
/// the reply with <see cref="DecodeResult"/>; the agent decodes the arguments with <see cref="DecodeArguments"/> and
/// answers with <see cref="CreateResult"/>. Instances are cached per method and are thread-safe.
/// </summary>
public sealed partial class ToolMethod
{
    private static readonly ConcurrentDictionary<(Type ToolType, MethodInfo Method), ToolMethod> Cache = new();

    private readonly JsonTypeInfo?[] parameterContracts;
    private readonly JsonTypeInfo? resultContract;
    private readonly byte[] keyJson;

    private ToolMethod(Type toolType, MethodInfo method)
    {
        ToolType = toolType;
        Method = method;
        Key = ToolMethodKey.For(toolType, method);
        var parameters = method.GetParameters();
        Parameters = parameters;
        (ReturnKind, ResultType) = Classify(method.ReturnType);
        // CancellationToken parameters are not sent: the agent passes the call's own token.
        parameterContracts = Array.ConvertAll<ParameterInfo, JsonTypeInfo?>(parameters, p => p.ParameterType == typeof(CancellationToken) ? null : PayloadSerializer.GetTypeInfo(p.ParameterType));
        resultContract = ResultType is null ? null : PayloadSerializer.GetTypeInfo(ResultType);
        keyJson = JsonSerializer.SerializeToUtf8Bytes(Key.Value, PayloadSerializer.Options);
    }

    /// <summary>The [Tool] class the method is called through.</summary>
    public Type ToolType { get; }

    /// <summary>The method (declared on <see cref="ToolType"/> or one of its base classes).</summary>
    public MethodInfo Method { get; }

    /// <summary>The method's wire identity.</summary>
    public ToolMethodKey Key { get; }

    /// <summary>The method's parameters.</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>How the method returns (void, value, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;).</summary>
    public ToolReturnKind ReturnKind { get; }

    /// <summary>
    /// The type of the result that travels back (<c>T</c> of <c>Task&lt;T&gt;</c>; the item type <c>T</c> of
    /// <c>IAsyncEnumerable&lt;T&gt;</c>), or <see langword="null"/> when there is none.
    /// </summary>
    public Type? ResultType { get; }

    /// <summary>The cached description of <paramref name="method"/>, called through its declaring type.</summary>
    /// <exception cref="ArgumentException">The method cannot be called remotely (see <see cref="For(Type, MethodInfo)"/>).</exception>
    public static ToolMethod For(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return For(method.DeclaringType ?? throw new ArgumentException($"{method.Name} has no declaring type.", nameof(method)), method);
    }

    /// <summary>
    /// The cached description of <paramref name="method"/> called through the tool class <paramref name="toolType"/>
    /// (which may inherit the method from a non-tool base class).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="toolType"/> is not marked [Tool], or the method is not public static, is generic, or has
    /// ref/out/pointer parameters.
    /// </exception>
    public static ToolMethod For(Type toolType, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(toolType);
        ArgumentNullException.ThrowIfNull(method);
        return Cache.TryGetValue((toolType, method), out var known) ? known : Cache.GetOrAdd((toolType, method), Create(toolType, method));
    }

    /// <inheritdoc />
    public override string ToString() => Key.Value;

    private static ToolMethod Create(Type toolType, MethodInfo method)
    {
        if (!toolType.IsDefined(typeof(ToolAttribute), inherit: false))
        {
            throw new ArgumentException($"{toolType} is not a tool: mark it [Tool] to call its methods remotely.", nameof(toolType));
        }

        if (!method.IsPublic || !method.IsStatic || method.DeclaringType is null || !method.DeclaringType.IsAssignableFrom(toolType))
        {
            throw new ArgumentException($"{toolType}.{method.Name} is not a public static method of the tool.", nameof(method));
        }

        if (method.IsGenericMethod)
        {
            throw new ArgumentException($"{toolType}.{method.Name} is generic; generic tool methods are not supported.", nameof(method));
        }

        if (Array.Find(method.GetParameters(), p => p.ParameterType.IsByRef || p.ParameterType.IsPointer) is { } parameter)
        {
            throw new ArgumentException($"{toolType}.{method.Name}: parameter '{parameter.Name}' is passed by reference; tool parameters must be values.", nameof(method));
        }

        return new ToolMethod(toolType, method);
    }

    private static (ToolReturnKind Kind, Type? ResultType) Classify(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return (ToolReturnKind.Void, null);
        }

        if (returnType == typeof(Task))
        {
            return (ToolReturnKind.Task, null);
        }

        if (returnType == typeof(ValueTask))
        {
            return (ToolReturnKind.ValueTask, null);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            return (ToolReturnKind.AsyncEnumerable, returnType.GetGenericArguments()[0]);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ToolReturnKind.TaskOfT, returnType.GetGenericArguments()[0]);
        }

        return returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)
            ? (ToolReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0])
            : (ToolReturnKind.Value, returnType);
    }
}
