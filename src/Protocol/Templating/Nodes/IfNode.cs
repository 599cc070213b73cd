using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary><c>% if</c> with its <c>% elif</c> branches and an optional <c>% else</c> (an empty block when absent).</summary>
internal sealed class IfNode(Evaluator[] conditions, TemplateNode[][] branches, TemplateNode[] otherwise, SourceSpan span)
    : TemplateNode(span)
{
    public override Flow Execute(RenderScope scope)
    {
        for (var i = 0; i < conditions.Length; i++)
        {
            if (Operators.IsTrue(conditions[i](scope))) return ExecuteAll(branches[i], scope);
        }
        return ExecuteAll(otherwise, scope);
    }
}
