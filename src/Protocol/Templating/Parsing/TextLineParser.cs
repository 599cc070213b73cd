using System.Text;
using Rmote.Templating.Lexing;
using Rmote.Templating.Nodes;

namespace Rmote.Templating.Parsing;

/// <summary>
/// Compiles a text line: <c>${expression}</c> is interpolated, <c>\${</c> is a literal <c>${</c>, and a lone
/// <c>$</c> or <c>{</c> is just text.
/// </summary>
internal static class TextLineParser
{
    /// <summary>
    /// Compiles <paramref name="line"/> from <paramref name="start"/>; <paramref name="prefix"/> is literal text put
    /// before it (what remains of a <c>%%</c> line's start).
    /// </summary>
    public static TextLineNode Parse(SourceLine line, int start, string prefix, SlotTable slots)
    {
        var text = line.Text;
        var segments = new List<Segment>();
        var literal = new StringBuilder(prefix);
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '\\' && string.CompareOrdinal(text, i + 1, "${", 0, 2) == 0)
            {
                literal.Append("${");
                i += 3;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                if (literal.Length > 0) segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
                var tokens = ExpressionLexer.Tokenize(line, i + 2, inBraces: true, out var next);
                if (tokens.Count == 1) throw line.Error(i, text[i..next], "Empty '${}'");
                segments.Add(new Segment(null, ExpressionParser.Parse(line, tokens, 0, slots)));
                i = next;
            }
            else
            {
                literal.Append(text[i]);
                i++;
            }
        }
        if (literal.Length > 0 || segments.Count == 0) segments.Add(new Segment(literal.ToString(), null));
        return new TextLineNode([.. segments], line.Span(0, text));
    }
}
