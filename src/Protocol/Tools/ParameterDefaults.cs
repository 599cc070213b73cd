using System.Reflection;

namespace Rmote.Protocol.Tools;

/// <summary>The value an omitted argument takes: the parameter's declared default, normalised to the parameter type.</summary>
internal static class ParameterDefaults
{
    /// <summary>Marks a parameter that has no default and therefore may not be omitted.</summary>
    public static readonly object NoDefault = new();

    public static object? Of(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (!parameter.HasDefaultValue && !parameter.IsOptional)
        {
            return NoDefault;
        }

        var value = parameter.HasDefaultValue ? parameter.DefaultValue : null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            // `= default` of a struct and [Optional] without a value are reported as null or Missing.
            null or Missing or DBNull when type.IsValueType && Nullable.GetUnderlyingType(type) is null => Activator.CreateInstance(type),
            null or Missing or DBNull => null,
            _ when target.IsEnum && value.GetType() != target => Enum.ToObject(target, value),
            _ => value,
        };
    }
}
