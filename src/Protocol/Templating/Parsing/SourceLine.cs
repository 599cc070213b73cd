namespace Rmote.Templating.Parsing;

/// <summary>One line of template source (without its line break) and its 1-based number.</summary>
internal readonly record struct SourceLine(int Number, string Text)
{
    /// <summary>A span starting at the 0-based <paramref name="index"/> in this line.</summary>
    public SourceSpan Span(int index, string text) => new(Number, index + 1, text);

    /// <summary>A syntax error at the 0-based <paramref name="index"/> in this line.</summary>
    public TemplateException Error(int index, string text, string reason) => Span(index, text).Error(reason);
}
