using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary><c>% break</c> or <c>% continue</c>: ends the current iteration, handing the jump to the enclosing loop.</summary>
internal sealed class JumpNode(Flow flow, SourceSpan span) : TemplateNode(span)
{
    public override Flow Execute(RenderScope scope) => flow;
}
