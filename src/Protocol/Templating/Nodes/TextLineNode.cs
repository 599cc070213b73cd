using Rmote.Templating.Parsing;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary>A line of output: literal text with interpolations.</summary>
internal sealed class TextLineNode(Segment[] segments, SourceSpan span) : TemplateNode(span)
{
    public override Flow Execute(RenderScope scope)
    {
        scope.BeginLine(Span);
        var output = scope.Output;
        try
        {
            foreach (var segment in segments)
            {
                if (segment.Text is not null) output.Append(segment.Text);
                else ValueFormatter.Append(output, segment.Value!(scope));
            }
        }
        catch (Exception e) when (e is not TemplateException)
        {
            throw Wrap(e);
        }
        return Flow.Normal;
    }
}
