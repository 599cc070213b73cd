using System.Globalization;
using System.Text;
using Rmote.Templating.Parsing;

namespace Rmote.Templating.Lexing;

/// <summary>
/// Splits expression text into tokens. Used for whole control lines and for the inside of <c>${...}</c>, where it
/// also finds the closing brace: braces nest and braces inside string literals don't count.
/// </summary>
internal static class ExpressionLexer
{
    // Longest first, so "==" is never read as "=" "=".
    private static readonly string[] Symbols =
    [
        "==", "!=", "<=", ">=", "&&", "||", "??", "+=",
        "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}", "=",
    ];

    /// <summary>
    /// Tokenizes <paramref name="line"/> from <paramref name="start"/>. With <paramref name="inBraces"/> it stops at the
    /// brace closing an interpolation and returns the index after it in <paramref name="next"/>; otherwise it reads to
    /// the end of the line. The result always ends with an <see cref="TokenKind.End"/> token.
    /// </summary>
    public static List<Token> Tokenize(SourceLine line, int start, bool inBraces, out int next)
    {
        var text = line.Text;
        var tokens = new List<Token>();
        var depth = 0;
        var i = start;
        while (true)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i >= text.Length)
            {
                if (inBraces) throw line.Error(start - 2, text[(start - 2)..], "Unclosed '${'");
                tokens.Add(new Token(TokenKind.End, "", null, i));
                next = i;
                return tokens;
            }
            var c = text[i];
            if (inBraces && c == '}' && depth == 0)
            {
                tokens.Add(new Token(TokenKind.End, "", null, i));
                next = i + 1;
                return tokens;
            }
            if (char.IsAsciiLetter(c) || c == '_') tokens.Add(ReadIdentifier(text, ref i));
            else if (char.IsAsciiDigit(c)) tokens.Add(ReadNumber(line, ref i));
            else if (c == '"' || c == '\'') tokens.Add(ReadString(line, ref i));
            else
            {
                var symbol = Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw line.Error(i, c.ToString(), $"Unexpected character '{c}'");
                if (symbol == "{") depth++;
                else if (symbol == "}") depth--;
                tokens.Add(new Token(TokenKind.Symbol, symbol, null, i));
                i += symbol.Length;
            }
        }
    }

    private static Token ReadIdentifier(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        return new Token(TokenKind.Identifier, text[start..i], null, start);
    }

    private static Token ReadNumber(SourceLine line, ref int i)
    {
        var text = line.Text;
        var start = i;
        var real = false;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        // "1.ToString()" is a member access on 1, "1.5" a fraction.
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            real = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                real = true;
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
        }
        var digits = text[start..i];
        var isDecimal = i < text.Length && (text[i] == 'm' || text[i] == 'M');
        if (isDecimal) i++;
        if (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            throw line.Error(start, text[start..(i + 1)], "Invalid number literal");
        var source = text[start..i];
        var inv = CultureInfo.InvariantCulture;
        object value;
        if (isDecimal)
        {
            if (!decimal.TryParse(digits, NumberStyles.Float, inv, out var m)) throw line.Error(start, source, "Number literal out of range");
            value = m;
        }
        else if (real) value = double.Parse(digits, NumberStyles.Float, inv);
        else if (int.TryParse(digits, NumberStyles.None, inv, out var n)) value = n;
        else if (long.TryParse(digits, NumberStyles.None, inv, out var l)) value = l;
        else throw line.Error(start, source, "Integer literal out of range");
        return new Token(TokenKind.Literal, source, value, start);
    }

    private static Token ReadString(SourceLine line, ref int i)
    {
        var text = line.Text;
        var start = i;
        var quote = text[i++];
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length) throw line.Error(start, text[start..], "Unterminated string literal");
            var c = text[i++];
            if (c == quote) break;
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (i >= text.Length) throw line.Error(start, text[start..], "Unterminated string literal");
            var escape = text[i++];
            switch (escape)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case '0': value.Append('\0'); break;
                case '\\' or '"' or '\'' or '$' or '{' or '}': value.Append(escape); break;
                case 'u' when i + 4 <= text.Length
                              && ushort.TryParse(text.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    i += 4;
                    break;
                default: throw line.Error(i - 2, "\\" + escape, $"Unknown escape sequence '\\{escape}'");
            }
        }
        return new Token(TokenKind.Literal, text[start..i], value.ToString(), start);
    }
}
