using System.Globalization;
using System.Reflection;
using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>
/// A public instance method chosen for one receiver type and one list of argument types, with a reusable invoker
/// (no reflection lookup per call). Converts arguments (numbers between numeric types, one-char strings to char)
/// and fills in optional parameters.
/// </summary>
internal sealed class BoundMethod
{
    private readonly MethodInvoker invoker;
    private readonly ParameterInfo[] parameters;
    private readonly bool admit;

    public BoundMethod(MethodInfo method)
    {
        Method = method;
        invoker = MethodInvoker.Create(method);
        parameters = method.GetParameters();
        admit = method.ReturnType != typeof(void) && SandboxPolicy.NeedsAdmission(method.ReturnType);
    }

    public MethodInfo Method { get; }

    /// <summary>How well <paramref name="arg"/> fits a parameter of <paramref name="type"/>: higher is better, -1 is no fit.</summary>
    public static int Fit(object? arg, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (arg is null) return !type.IsValueType || underlying != type ? 1 : -1;
        if (arg.GetType() == underlying) return 4;
        if (type.IsInstanceOfType(arg)) return type == typeof(object) ? 1 : 3;
        if (IsNumber(arg.GetType()) && IsNumber(underlying)) return 2;
        return arg is string { Length: 1 } && underlying == typeof(char) ? 0 : -1;
    }

    public object? Invoke(object target, object?[] args, SourceSpan span)
    {
        var values = new object?[parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i < args.Length ? Convert(args[i], parameters[i].ParameterType, span) : DefaultOf(parameters[i]);
        }
        object? result;
        try
        {
            result = invoker.Invoke(target, values.AsSpan());
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw span.Error($"'{Method.Name}' failed: {cause.Message}", cause);
        }
        return admit ? SandboxPolicy.Admit(result, span) : result;
    }

    private static object? Convert(object? arg, Type type, SourceSpan span)
    {
        if (arg is null || type.IsInstanceOfType(arg)) return arg;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (arg is string s) return s[0];
        try
        {
            return System.Convert.ChangeType(arg, underlying, CultureInfo.InvariantCulture);
        }
        catch (OverflowException e)
        {
            throw span.Error($"Argument {ValueFormatter.Format(arg)} does not fit a '{underlying.Name}'", e);
        }
    }

    private static object? DefaultOf(ParameterInfo parameter) =>
        parameter.ParameterType.IsEnum && parameter.DefaultValue is not null and not Enum
            ? Enum.ToObject(parameter.ParameterType, parameter.DefaultValue)
            : parameter.DefaultValue;

    private static bool IsNumber(Type type) => !type.IsEnum && Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal;
}
