using System.Text;

namespace Rmote.Bootstrap;

/// <summary>POSIX sh quoting: the one place that turns a value into a word a remote shell reads back unchanged.</summary>
internal static class ShellQuote
{
    /// <summary>
    /// Quotes <paramref name="value"/> as one sh word. Single quotes keep every byte literal (newlines, <c>$</c>,
    /// backquotes, globs); an embedded <c>'</c> is closed, escaped and reopened: <c>'it'\''s'</c>. NUL cannot be
    /// passed through any command line, so it is rejected.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0'))
            throw new ArgumentException("A shell word cannot contain a NUL character.", nameof(value));
        if (value.Length > 0 && value.All(IsSafe))
            return value;
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c == '\'') sb.Append("'\\''");
            else sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>Quotes each word and joins them with spaces: a command line for <c>sh -c</c>.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    // Characters that never mean anything to sh, so words made of them need no quotes (keeps logs readable). '='
    // is not among them: an unquoted first word NAME=value would be an assignment.
    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.' or '/' or ',' or ':' or '@' or '+' or '%';
}
