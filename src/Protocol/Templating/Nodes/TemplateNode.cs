using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary>One compiled statement of a template: a text line, a block, an assignment, a break or continue.</summary>
internal abstract class TemplateNode(SourceSpan span)
{
    /// <summary>Where the statement is, for errors that happen while it runs.</summary>
    protected SourceSpan Span { get; } = span;

    /// <summary>Runs the statement.</summary>
    public abstract Flow Execute(RenderScope scope);

    /// <summary>Runs a block until its end, or until a break/continue that the enclosing loop has to handle.</summary>
    public static Flow ExecuteAll(TemplateNode[] nodes, RenderScope scope)
    {
        foreach (var node in nodes)
        {
            var flow = node.Execute(scope);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    /// <summary>
    /// Locates a failure of the model's own code (a throwing enumerator, a ToString) at this statement; template
    /// errors already carry their location.
    /// </summary>
    protected TemplateException Wrap(Exception e) => e as TemplateException ?? Span.Error($"Rendering failed: {e.Message}", e);
}
