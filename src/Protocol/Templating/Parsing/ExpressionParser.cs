using Rmote.Templating.Lexing;
using Rmote.Templating.Members;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Parsing;

/// <summary>
/// Recursive descent over the tokens of one expression, compiling as it goes: every rule returns an
/// <see cref="Evaluator"/> closure. Precedence, lowest first: <c>c ? a : b</c>, <c>??</c>, <c>|| or</c>,
/// <c>&amp;&amp; and</c>, <c>== !=</c>, <c>&lt; &gt; &lt;= &gt;=</c>, <c>+ -</c>, <c>* / %</c>, unary <c>! not - +</c>,
/// then member access, calls and indexers.
/// </summary>
internal sealed class ExpressionParser
{
    // Bounds the recursion, so "((((...))))" is a syntax error and never a stack overflow.
    private const int MaxDepth = 100;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "true", "false", "null", "and", "or", "not", "in" };

    private readonly SourceLine line;
    private readonly List<Token> tokens;
    private readonly SlotTable slots;
    private int position;
    private int depth;

    private ExpressionParser(SourceLine line, List<Token> tokens, int position, SlotTable slots)
    {
        this.line = line;
        this.tokens = tokens;
        this.position = position;
        this.slots = slots;
    }

    private Token Current => tokens[position];

    /// <summary>True when <paramref name="name"/> can't be a variable (a literal or an operator word).</summary>
    public static bool IsReserved(string name) => Reserved.Contains(name);

    /// <summary>Compiles <paramref name="tokens"/> from <paramref name="start"/> to the end as one expression.</summary>
    public static Evaluator Parse(SourceLine line, List<Token> tokens, int start, SlotTable slots)
    {
        var parser = new ExpressionParser(line, tokens, start, slots);
        if (parser.Current.Kind == TokenKind.End) throw parser.Error(parser.Current, "Expected an expression");
        var result = parser.ParseConditional();
        if (parser.Current.Kind != TokenKind.End) throw parser.Unexpected();
        return result;
    }

    private Evaluator ParseConditional()
    {
        Enter();
        var condition = ParseCoalesce();
        if (Current.IsSymbol("?"))
        {
            position++;
            var whenTrue = ParseConditional();
            Expect(":");
            var whenFalse = ParseConditional();
            var test = condition;
            condition = s => Operators.IsTrue(test(s)) ? whenTrue(s) : whenFalse(s);
        }
        depth--;
        return condition;
    }

    private Evaluator ParseCoalesce()
    {
        var left = ParseOr();
        if (!Current.IsSymbol("??")) return left;
        position++;
        var right = ParseCoalesce();
        return s => left(s) ?? right(s);
    }

    private Evaluator ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsSymbol("||") || Current.IsWord("or"))
        {
            position++;
            var (l, r) = (left, ParseAnd());
            left = s => Boxes.Box(Operators.IsTrue(l(s)) || Operators.IsTrue(r(s)));
        }
        return left;
    }

    private Evaluator ParseAnd()
    {
        var left = ParseEquality();
        while (Current.IsSymbol("&&") || Current.IsWord("and"))
        {
            position++;
            var (l, r) = (left, ParseEquality());
            left = s => Boxes.Box(Operators.IsTrue(l(s)) && Operators.IsTrue(r(s)));
        }
        return left;
    }

    private Evaluator ParseEquality()
    {
        var left = ParseRelational();
        while (Current.IsSymbol("==") || Current.IsSymbol("!="))
        {
            var equal = Advance().Text == "==";
            var (l, r) = (left, ParseRelational());
            left = s => Boxes.Box(Operators.AreEqual(l(s), r(s)) == equal);
        }
        return left;
    }

    private Evaluator ParseRelational()
    {
        var left = ParseAdditive();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "<" or ">" or "<=" or ">=")
        {
            var op = Advance();
            var span = Span(op);
            var (l, r) = (left, ParseAdditive());
            left = op.Text switch
            {
                "<" => s => Boxes.Box(Operators.Compare(l(s), r(s), span) < 0),
                ">" => s => Boxes.Box(Operators.Compare(l(s), r(s), span) > 0),
                "<=" => s => Boxes.Box(Operators.Compare(l(s), r(s), span) <= 0),
                _ => s => Boxes.Box(Operators.Compare(l(s), r(s), span) >= 0),
            };
        }
        return left;
    }

    private Evaluator ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.IsSymbol("+") || Current.IsSymbol("-"))
        {
            var op = Advance();
            var span = Span(op);
            var (l, r) = (left, ParseMultiplicative());
            left = op.Text == "+"
                ? s => Operators.Add(l(s), r(s), span)
                : s => Operators.Subtract(l(s), r(s), span);
        }
        return left;
    }

    private Evaluator ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "*" or "/" or "%")
        {
            var op = Advance();
            var span = Span(op);
            var (l, r) = (left, ParseUnary());
            left = op.Text switch
            {
                "*" => s => Operators.Multiply(l(s), r(s), span),
                "/" => s => Operators.Divide(l(s), r(s), span),
                _ => s => Operators.Remainder(l(s), r(s), span),
            };
        }
        return left;
    }

    private Evaluator ParseUnary()
    {
        if (!(Current.IsSymbol("!") || Current.IsWord("not") || Current.IsSymbol("-") || Current.IsSymbol("+"))) return ParsePostfix();
        var op = Advance();
        var span = Span(op);
        Enter();
        var operand = ParseUnary();
        depth--;
        return op.Text switch
        {
            "-" => s => Operators.Negate(operand(s), span),
            "+" => s => Operators.Plus(operand(s), span),
            _ => s => Boxes.Box(!Operators.IsTrue(operand(s))),
        };
    }

    private Evaluator ParsePostfix()
    {
        var result = ParsePrimary();
        while (true)
        {
            if (Current.IsSymbol("."))
            {
                position++;
                var name = Current.Kind == TokenKind.Identifier ? Advance() : throw Error(Current, "Expected a member name after '.'");
                result = Current.IsSymbol("(") ? MethodCall(result, name) : MemberAccess(result, name);
            }
            else if (Current.IsSymbol("["))
            {
                var site = new IndexSite(Span(Advance()));
                var target = result;
                Enter();
                var key = ParseConditional();
                depth--;
                Expect("]");
                result = s => site.Read(target(s), key(s));
            }
            else return result;
        }
    }

    private Evaluator MemberAccess(Evaluator target, Token name)
    {
        var site = new MemberSite(name.Text, Span(name));
        return s => site.Read(target(s));
    }

    private Evaluator MethodCall(Evaluator target, Token name)
    {
        var site = new MethodSite(name.Text, Span(name));
        var args = ParseArguments();
        return s => site.Invoke(target(s), Evaluate(args, s));
    }

    private Evaluator ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Literal:
                position++;
                var value = token.Value;
                return _ => value;
            case TokenKind.Identifier when token.Text is "true" or "false" or "null":
                position++;
                var constant = token.Text == "null" ? null : Boxes.Box(token.Text == "true");
                return _ => constant;
            case TokenKind.Identifier when IsReserved(token.Text):
                throw Unexpected();
            case TokenKind.Identifier when tokens[position + 1].IsSymbol("("):
                position++;
                var span = Span(token);
                var args = ParseArguments();
                var function = Builtins.Resolve(token.Text, args.Length, span);
                return s => function(Evaluate(args, s), span);
            case TokenKind.Identifier:
                position++;
                var slot = slots[token.Text];
                var nameSpan = Span(token);
                return s => s.Read(slot, nameSpan);
            case TokenKind.Symbol when token.Text == "(":
                position++;
                var inner = ParseConditional();
                Expect(")");
                return inner;
            default:
                throw Unexpected();
        }
    }

    private Evaluator[] ParseArguments()
    {
        Expect("(");
        var args = new List<Evaluator>();
        if (!Current.IsSymbol(")"))
        {
            do
            {
                if (args.Count > 0) position++;
                args.Add(ParseConditional());
            }
            while (Current.IsSymbol(","));
        }
        Expect(")");
        return [.. args];
    }

    private static object?[] Evaluate(Evaluator[] args, RenderScope scope)
    {
        if (args.Length == 0) return [];
        var values = new object?[args.Length];
        for (var i = 0; i < args.Length; i++) values[i] = args[i](scope);
        return values;
    }

    private Token Advance() => tokens[position++];

    private void Expect(string symbol)
    {
        if (!Current.IsSymbol(symbol)) throw Error(Current, $"Expected '{symbol}'");
        position++;
    }

    private void Enter()
    {
        if (++depth > MaxDepth) throw Error(Current, "Expression is nested too deeply");
    }

    private SourceSpan Span(Token token) => line.Span(token.Index, token.Text);

    private TemplateException Unexpected() => Current.Kind == TokenKind.End
        ? Error(Current, "Unexpected end of expression")
        : Error(Current, $"Unexpected '{Current.Text}'");

    private TemplateException Error(Token token, string reason) =>
        line.Error(token.Index, token.Kind == TokenKind.End ? line.Text.Trim() : token.Text, reason);
}
