using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Members;

/// <summary>A property or field read through a compiled delegate: no reflection per render.</summary>
internal sealed class CompiledMemberReader(string name, Func<object, object?> getter, bool admit) : MemberReader
{
    public override bool TryRead(object target, SourceSpan span, out object? value)
    {
        try
        {
            value = getter(target);
        }
        catch (Exception e)
        {
            throw span.Error($"Reading '{name}' failed: {e.Message}", e);
        }
        if (admit) value = SandboxPolicy.Admit(value, span);
        return true;
    }
}
