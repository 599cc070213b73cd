using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary><c>% name = expression</c> or <c>% name += expression</c> (which reads the model's value first if needed).</summary>
internal sealed class AssignNode(int slot, Evaluator value, bool add, SourceSpan span) : TemplateNode(span)
{
    public override Flow Execute(RenderScope scope)
    {
        var result = value(scope);
        scope.Slots[slot] = add ? Operators.Add(scope.Read(slot, Span), result, Span) : result;
        return Flow.Normal;
    }
}
