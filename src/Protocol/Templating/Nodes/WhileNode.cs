using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary><c>% while expression</c>, bounded by the render's iteration budget.</summary>
internal sealed class WhileNode(Evaluator condition, TemplateNode[] body, SourceSpan span) : TemplateNode(span)
{
    public override Flow Execute(RenderScope scope)
    {
        while (Operators.IsTrue(condition(scope)))
        {
            scope.CountIteration(Span);
            if (ExecuteAll(body, scope) == Flow.Break) break;
        }
        return Flow.Normal;
    }
}
