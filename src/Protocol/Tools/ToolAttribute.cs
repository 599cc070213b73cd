namespace Rmote;

/// <summary>
/// Marks a class whose public static methods may be called remotely. A tool is normally a <c>static class</c>; the
/// agent dispatches only to public static methods of classes carrying this attribute (not inherited by subclasses).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ToolAttribute : Attribute
{
}
