using System.Text.RegularExpressions;

namespace Rmote.Tools.Common;

/// <summary>
/// Validation of the names tools turn into file names or command arguments. A name that could escape its directory
/// (<c>/</c>, <c>..</c>), pass for an option (leading <c>-</c>), or smuggle a second line or field into a config file
/// is refused with an <see cref="ArgumentException"/> before anything is touched.
/// </summary>
internal static partial class Names
{
    /// <summary>A single path component: not empty, no <c>/</c>, not <c>.</c> or containing <c>..</c>, no leading <c>-</c>, no whitespace or control characters.</summary>
    /// <exception cref="ArgumentException">The name is not acceptable.</exception>
    public static string Component(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (name.Length == 0 || name == "." || name.Contains("..", StringComparison.Ordinal) || name.Contains('/')
            || name[0] == '-' || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"'{Printable(name)}' is not a valid name: it must not be empty, contain '/', '..', whitespace or control characters, or start with '-'.",
                parameter);
        }

        return name;
    }

    /// <summary>A name made of <c>[A-Za-z0-9_.-]</c> only (apt reads only such files from its .d directories).</summary>
    /// <exception cref="ArgumentException">The name is not acceptable.</exception>
    public static string FileName(string name, string parameter) =>
        SafeFileName().IsMatch(Component(name, parameter))
            ? name
            : throw new ArgumentException($"'{Printable(name)}' is not a valid name: use letters, digits, '_', '-' and '.' only.", parameter);

    /// <summary>A user or group name as shadow-utils accepts it by default: <c>[a-z_][a-z0-9_.-]*$?</c>, at most 32 characters.</summary>
    /// <exception cref="ArgumentException">The name is not acceptable.</exception>
    public static string Account(string name, string parameter) =>
        AccountName().IsMatch(Component(name, parameter)) && name.Length <= 32
            ? name
            : throw new ArgumentException(
                $"'{Printable(name)}' is not a valid user or group name: start with a lower-case letter or '_', continue with lower-case letters, digits, '_', '-' or '.', at most 32 characters.",
                parameter);

    /// <summary>A value written into one line of a config file: no line breaks or other control characters.</summary>
    /// <exception cref="ArgumentException">The value is not acceptable.</exception>
    public static string SingleLine(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return value.Any(char.IsControl)
            ? throw new ArgumentException($"'{Printable(value)}' must be a single line without control characters.", parameter)
            : value;
    }

    /// <summary>Every value of a list argument is a non-empty single line without whitespace; the list itself is not empty.</summary>
    /// <exception cref="ArgumentException">The list or one of its values is not acceptable.</exception>
    public static IReadOnlyList<string> Words(IReadOnlyList<string>? values, string parameter)
    {
        if (values is null || values.Count == 0)
        {
            throw new ArgumentException("At least one value is required.", parameter);
        }

        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value) || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new ArgumentException($"'{Printable(value ?? "")}' is not a valid value: it must be non-empty, without whitespace or control characters.", parameter);
            }
        }

        return values;
    }

    /// <summary>The text with control characters escaped, for error messages.</summary>
    public static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SafeFileName();

    [GeneratedRegex("^[a-z_][a-z0-9_.-]*\\$?$")]
    private static partial Regex AccountName();
}
