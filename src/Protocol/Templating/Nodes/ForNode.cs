using System.Collections;
using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary><c>% for name in expression</c>: the variable keeps the last item after the loop, as in rmote.</summary>
internal sealed class ForNode(int slot, Evaluator items, TemplateNode[] body, SourceSpan span) : TemplateNode(span)
{
    public override Flow Execute(RenderScope scope)
    {
        var value = items(scope);
        if (value is not IEnumerable sequence) throw Span.Error($"Cannot iterate over {Operators.Describe(value)}");
        var admit = SandboxPolicy.ItemsNeedAdmission(sequence.GetType());
        try
        {
            foreach (var item in sequence)
            {
                scope.CountIteration(Span);
                scope.Slots[slot] = admit ? SandboxPolicy.Admit(item, Span) : item;
                if (ExecuteAll(body, scope) == Flow.Break) break;
            }
        }
        catch (Exception e) when (e is not TemplateException)
        {
            throw Wrap(e);
        }
        return Flow.Normal;
    }
}
