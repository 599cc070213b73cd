using System.Linq.Expressions;
using System.Reflection;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Invocation;

/// <summary>
/// Turns <c>() =&gt; Tool.Method(a, b)</c> into the method and its argument values, evaluated here on the host.
/// The common argument shapes — constants, captured locals (a field of the compiler's closure object) and member chains
/// off them — are read directly, so the hot path never compiles an expression. Anything else (a nested call, an
/// arithmetic expression) falls back to the expression interpreter, which is cheaper than JIT-compiling a delegate
/// for an expression tree that is new on every call.
/// </summary>
internal static class ToolCallParser
{
    private static readonly ConcurrentDictionary<MethodInfo, ToolMethod> ToolMethods = new();

    /// <summary>Parses the body of a call lambda; throws <see cref="ArgumentException"/> for anything but a static tool call.</summary>
    public static (ToolMethod Method, object?[] Arguments) Parse(LambdaExpression call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Body is not MethodCallExpression { Object: null } body)
            throw new ArgumentException(
                $"Expected a call of a static tool method like '() => MyTool.Method(x)', got '{call.Body}'.", nameof(call));
        var method = ToolMethods.GetOrAdd(body.Method, static m => ToolMethod.For(ToolTypeOf(m), m));
        var arguments = body.Arguments.Count == 0 ? [] : new object?[body.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = Evaluate(body.Arguments[i]);
        return (method, arguments);
    }

    /// <summary>
    /// The [Tool] class a call goes through. C# records an inherited static method against the base class that
    /// declares it, so for a method of a non-tool helper base class the one [Tool] subclass in its assembly is used.
    /// </summary>
    private static Type ToolTypeOf(MethodInfo method)
    {
        var declaring = method.DeclaringType ?? throw new ArgumentException($"'{method.Name}' has no declaring type.");
        if (declaring.IsDefined(typeof(ToolAttribute), inherit: false)) return declaring;
        var tools = declaring.Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(ToolAttribute), inherit: false) && declaring.IsAssignableFrom(t) && t != declaring)
            .Take(2).ToArray();
        return tools.Length == 1 ? tools[0] : throw new ArgumentException(
            $"'{declaring.FullName}.{method.Name}' is not a method of a [Tool] class" +
            (tools.Length > 1 ? " and more than one [Tool] class inherits it." : "; mark the class [Tool]."));
    }

    /// <summary>Evaluates one argument expression on the host.</summary>
    internal static object? Evaluate(Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                return constant.Value;
            case MemberExpression member when TryEvaluateMember(member, out var value):
                return value;
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
                when convert.Operand.Type.IsAssignableTo(convert.Type) || IsNullableWrap(convert):
                // Boxing or widening to the parameter's declared type: the value itself is what we send.
                return Evaluate(convert.Operand);
            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array:
                var items = Array.CreateInstance(array.Type.GetElementType()!, array.Expressions.Count);
                for (var i = 0; i < items.Length; i++) items.SetValue(Evaluate(array.Expressions[i]), i);
                return items;
            default:
                return Interpret(expression);
        }
    }

    private static bool TryEvaluateMember(MemberExpression member, out object? value)
    {
        object? target = null;
        if (member.Expression is not null)
        {
            if (member.Expression is not (ConstantExpression or MemberExpression)) { value = null; return false; }
            target = Evaluate(member.Expression);
            if (target is null) { value = null; return false; }  // let the interpreter raise the proper NullReferenceException
        }
        switch (member.Member)
        {
            case FieldInfo field:
                value = field.GetValue(target);
                return true;
            case PropertyInfo { GetMethod: not null } property when property.GetIndexParameters().Length == 0:
                value = property.GetValue(target);
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static bool IsNullableWrap(UnaryExpression convert) =>
        Nullable.GetUnderlyingType(convert.Type) == convert.Operand.Type;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? Interpret(Expression expression)
    {
        var boxed = expression.Type.IsValueType ? Expression.Convert(expression, typeof(object)) : expression;
        return Expression.Lambda<Func<object?>>(boxed).Compile(preferInterpretation: true)();
    }
}
