using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary>A parsed and compiled template: immutable and safe to render from many threads at once.</summary>
internal sealed class TemplateProgram(TemplateNode[] body, string[] names)
{
    public string Render(object? model)
    {
        var output = OutputBuffer.Acquire();
        try
        {
            TemplateNode.ExecuteAll(body, new RenderScope(ModelSource.Create(model), names, output));
            return output.ToString();
        }
        finally
        {
            OutputBuffer.Release(output);
        }
    }
}
