using Rmote.Templating.Lexing;
using Rmote.Templating.Nodes;

namespace Rmote.Templating.Parsing;

/// <summary>
/// Parses rmote's line-oriented syntax. A line whose first non-blank characters are <c>%</c> is a statement,
/// <c>%%</c> starts a text line with a literal <c>%</c>, <c>##</c> starts a comment, anything else is text.
/// Blocks must be closed and closers must match, so structure errors surface at construction.
/// </summary>
internal sealed class TemplateParser
{
    // Bounds the nesting of blocks (and with it the recursion of a render).
    private const int MaxNesting = 64;

    private readonly SlotTable slots = new();
    private readonly Stack<BlockFrame> blocks = new();

    private TemplateParser() => blocks.Push(new BlockFrame(BlockKind.Root, new SourceSpan(1, 1, ""), ""));

    private BlockFrame Top => blocks.Peek();

    public static TemplateProgram Parse(string source)
    {
        var parser = new TemplateParser();
        var lines = source.Split('\n');
        // "a\n" is one line: the break ends the last line, it doesn't start another one.
        var count = lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++) parser.ParseLine(new SourceLine(i + 1, lines[i].TrimEnd('\r')));
        if (parser.blocks.Count > 1)
        {
            var open = parser.Top;
            throw open.Opening.Error($"'% {open.Keyword}' is never closed");
        }
        return new TemplateProgram([.. parser.Top.Body], parser.slots.ToArray());
    }

    private void ParseLine(SourceLine line)
    {
        var text = line.Text;
        var start = 0;
        while (start < text.Length && (text[start] == ' ' || text[start] == '\t')) start++;
        if (string.CompareOrdinal(text, start, "%%", 0, 2) == 0)
            Top.Body.Add(TextLineParser.Parse(line, start + 2, text[..start] + "%", slots));
        else if (string.CompareOrdinal(text, start, "##", 0, 2) == 0) { }
        else if (start < text.Length && text[start] == '%') ParseStatement(line, start);
        else Top.Body.Add(TextLineParser.Parse(line, 0, "", slots));
    }

    private void ParseStatement(SourceLine line, int percent)
    {
        var tokens = ExpressionLexer.Tokenize(line, percent + 1, inBraces: false, out _);
        // The trailing ':' of Python/Mako style ("% for x in xs:") is optional.
        if (tokens.Count > 1 && tokens[^2].IsSymbol(":")) tokens.RemoveAt(tokens.Count - 2);
        // Padding, so a statement cut short ("% for") reads as ending early instead of indexing past the list.
        while (tokens.Count < 4) tokens.Add(tokens[^1]);
        var first = tokens[0];
        var span = line.Span(percent, line.Text[percent..].Trim());
        if (first.Kind == TokenKind.End)
        {
            Close(span, null);
            return;
        }
        if (first.Kind != TokenKind.Identifier) throw line.Error(first.Index, first.Text, $"Unexpected '{first.Text}' after '%'");
        switch (first.Text)
        {
            case "for":
                OpenFor(line, tokens, span);
                break;
            case "if":
                Open(new BlockFrame(BlockKind.If, span, "if") { Expression = Expression(line, tokens, 1) });
                break;
            case "while":
                Open(new BlockFrame(BlockKind.While, span, "while") { Expression = Expression(line, tokens, 1) });
                break;
            case "elif":
                RequireOpenIf(span, "elif").StartBranch(Expression(line, tokens, 1));
                break;
            case "else":
                RequireNothingAfter(line, tokens);
                RequireOpenIf(span, "else").StartBranch(null);
                break;
            case "break" or "continue":
                RequireNothingAfter(line, tokens);
                if (!blocks.Any(b => b.IsLoop)) throw span.Error($"'% {first.Text}' outside a loop");
                Top.Body.Add(new JumpNode(first.Text == "break" ? Flow.Break : Flow.Continue, span));
                break;
            case "end" or "endfor" or "endif" or "endwhile":
                RequireNothingAfter(line, tokens);
                Close(span, first.Text == "end" ? null : first.Text[3..]);
                break;
            default:
                Assign(line, tokens, span);
                break;
        }
    }

    private void OpenFor(SourceLine line, List<Token> tokens, SourceSpan span)
    {
        var name = tokens[1];
        if (name.Kind != TokenKind.Identifier || ExpressionParser.IsReserved(name.Text))
            throw line.Error(name.Index, name.Text, "Expected a loop variable name after 'for'");
        if (!tokens[2].IsWord("in")) throw line.Error(tokens[2].Index, tokens[2].Text, "Expected 'in' after the loop variable");
        Open(new BlockFrame(BlockKind.For, span, "for") { Slot = slots[name.Text], Expression = Expression(line, tokens, 3) });
    }

    private void Assign(SourceLine line, List<Token> tokens, SourceSpan span)
    {
        var name = tokens[0];
        var op = tokens[1];
        if (!(op.IsSymbol("=") || op.IsSymbol("+=")) || ExpressionParser.IsReserved(name.Text))
            throw span.Error($"Unknown statement '% {name.Text}'");
        Top.Body.Add(new AssignNode(slots[name.Text], Expression(line, tokens, 2), op.Text == "+=", span));
    }

    private void Open(BlockFrame block)
    {
        if (blocks.Count > MaxNesting) throw block.Opening.Error($"Blocks are nested more than {MaxNesting} deep");
        blocks.Push(block);
    }

    // keyword: "for", "if", "while" for a specific closer, null for "% end" and a bare "%" (close whatever is open).
    private void Close(SourceSpan span, string? keyword)
    {
        var closer = keyword is null ? span.Text : "% end" + keyword;
        if (blocks.Count == 1) throw span.Error($"'{closer}' without an open block");
        if (keyword is not null && keyword != Top.Keyword)
            throw span.Error($"'{closer}' does not close '% {Top.Keyword}' opened at line {Top.Opening.Line}");
        var node = blocks.Pop().Close();
        Top.Body.Add(node);
    }

    private BlockFrame RequireOpenIf(SourceSpan span, string keyword)
    {
        if (Top.Kind != BlockKind.If) throw span.Error($"'% {keyword}' without an open '% if'");
        if (Top.InElse) throw span.Error($"'% {keyword}' after '% else'");
        return Top;
    }

    private static void RequireNothingAfter(SourceLine line, List<Token> tokens)
    {
        if (tokens[1].Kind != TokenKind.End)
            throw line.Error(tokens[1].Index, tokens[1].Text, $"Unexpected '{tokens[1].Text}' after '{tokens[0].Text}'");
    }

    private Runtime.Evaluator Expression(SourceLine line, List<Token> tokens, int start) =>
        ExpressionParser.Parse(line, tokens, start, slots);
}
