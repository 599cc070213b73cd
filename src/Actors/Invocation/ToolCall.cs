using System.Linq.Expressions;
using Rmote.Actors.Invocation;
using Rmote.Protocol.Tools;

namespace Rmote;

/// <summary>
/// An immutable, serializable description of one tool call, for sending to a connection actor in an
/// <see cref="Invoke"/>: <c>ToolCall.Create(() =&gt; SystemInfo.Disk("/"))</c>. The arguments are evaluated and encoded
/// (System.Text.Json, by the parameters' declared types) when it is created, so it holds only strings and bytes — no
/// expression tree, delegate or <see cref="System.Reflection.MethodInfo"/> — and can cross an Akka.Remote boundary.
/// The receiving side finds the method again by its key; its tool assembly must be loadable there.
/// </summary>
public sealed class ToolCall
{
    /// <summary>
    /// Rebuilds a call from its parts, as a serializer does (<see cref="Key"/> and <see cref="Arguments"/> are all there
    /// is to it). To describe a new call use <see cref="Create{T}(Expression{Func{T}})"/>, which encodes the arguments.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a tool method key.</exception>
    public ToolCall(string key, byte[] arguments)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(arguments);
        ToolMethodKey parsed;
        try
        {
            parsed = ToolMethodKey.Parse(key);
        }
        catch (ProtocolException invalid)
        {
            throw new ArgumentException(invalid.Message, nameof(key), invalid);
        }
        Tool = parsed.TypeName;
        Method = parsed.MethodName;
        Key = key;
        Arguments = arguments;
    }

    /// <summary>The full name of the [Tool] class, e.g. <c>MyTools.SystemInfo</c>.</summary>
    public string Tool { get; }

    /// <summary>The method's name, e.g. <c>Disk</c>.</summary>
    public string Method { get; }

    /// <summary>The method's wire identity: <c>assembly|type|method(parameter types)</c>.</summary>
    public string Key { get; }

    /// <summary>The request payload as sent to the agent: a JSON array of the key and the encoded arguments.</summary>
    public byte[] Arguments { get; }

    /// <summary>Describes a call of a tool method returning a value.</summary>
    /// <exception cref="ArgumentException">The expression is not a call of a public static method of a [Tool] class, or an argument cannot be encoded.</exception>
    public static ToolCall Create<T>(Expression<Func<T>> call) => From(call);

    /// <summary>Describes a call of an asynchronous tool method returning <c>Task&lt;T&gt;</c>.</summary>
    /// <inheritdoc cref="Create{T}(Expression{Func{T}})" path="/exception"/>
    public static ToolCall Create<T>(Expression<Func<Task<T>>> call) => From(call);

    /// <summary>Describes a call of a tool method returning <c>void</c>.</summary>
    /// <inheritdoc cref="Create{T}(Expression{Func{T}})" path="/exception"/>
    public static ToolCall Create(Expression<Action> call) => From(call);

    /// <summary>Describes a call of an asynchronous tool method returning <c>Task</c>.</summary>
    /// <inheritdoc cref="Create{T}(Expression{Func{T}})" path="/exception"/>
    public static ToolCall Create(Expression<Func<Task>> call) => From(call);

    /// <summary>A call of <paramref name="method"/> with arguments already evaluated (one per parameter).</summary>
    internal static ToolCall For(ToolMethod method, ReadOnlySpan<object?> arguments) =>
        new(ToolMethods.Remember(method).Key.Value, method.EncodeArguments(arguments));

    /// <summary>The method this call names, found by its key (cached).</summary>
    /// <exception cref="ArgumentException">
    /// No loaded or loadable [Tool] class has that method, or the arguments (which name the method the agent runs) are
    /// not a request for it — a call rebuilt from parts that do not belong together.
    /// </exception>
    internal ToolMethod Resolve()
    {
        string named;
        try
        {
            named = ToolMethod.ReadKey(Arguments);
        }
        catch (ProtocolException invalid)
        {
            throw new ArgumentException($"The arguments of {this} are not a tool request: {invalid.Message}", nameof(Arguments), invalid);
        }
        return named == Key ? ToolMethods.Resolve(Key)
            : throw new ArgumentException($"The arguments of {this} are a request for another method ({named}).", nameof(Arguments));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Tool}.{Method}";

    private static ToolCall From(LambdaExpression call)
    {
        var (method, arguments) = ToolCallParser.Parse(call);
        return For(method, arguments);
    }
}
