namespace Rmote.Templating.Lexing;

/// <summary>The lexical classes of the expression language.</summary>
internal enum TokenKind
{
    /// <summary>End of the expression (end of line or the closing brace of <c>${</c>).</summary>
    End,

    /// <summary>A name or a keyword (<c>true</c>, <c>and</c>, <c>in</c>, ...): keywords are told apart by the parser.</summary>
    Identifier,

    /// <summary>A number or string literal; its value is in <see cref="Token.Value"/>.</summary>
    Literal,

    /// <summary>An operator or punctuation.</summary>
    Symbol,
}
