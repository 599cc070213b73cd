namespace Rmote.Templating.Parsing;

/// <summary>
/// Where a piece of the template came from. Compiled code captures one per operation that can fail, so a render
/// error points at the exact expression without keeping the parse tree alive.
/// </summary>
internal sealed record SourceSpan(int Line, int Column, string Text)
{
    /// <summary>An error located here.</summary>
    public TemplateException Error(string reason, Exception? inner = null) => new(reason, Line, Column, Text, inner);
}
