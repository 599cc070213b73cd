using Rmote.Templating.Parsing;

namespace Rmote.Templating.Members;

/// <summary>A member the sandbox refuses (see <see cref="Runtime.SandboxPolicy"/>): reading it is a render error.</summary>
internal sealed class ForbiddenMemberReader(string reason) : MemberReader
{
    public override bool TryRead(object target, SourceSpan span, out object? value) => throw span.Error(reason);
}
