namespace Rmote.Templating.Lexing;

/// <summary>One lexeme: its class, its source text, its literal value and its 0-based index in the line.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Index)
{
    /// <summary>True for the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>True for the identifier or keyword <paramref name="word"/>.</summary>
    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;
}
