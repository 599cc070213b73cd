using System.Text;
using System.Text.RegularExpressions;

namespace Rmote.Tools;

/// <summary>
/// A compiled glob: one matcher per <c>/</c>-separated part, <c>**</c> for any depth of directories. Matching walks
/// only the directories the pattern can reach.
/// </summary>
internal sealed class GlobPattern
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Part[] parts;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is empty or absolute, or has an unclosed <c>[</c>.</exception>
    public GlobPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (pattern.StartsWith('/'))
        {
            throw new ArgumentException($"The pattern '{pattern}' must be relative to the directory searched.", nameof(pattern));
        }

        parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Part.Parse).ToArray();
    }

    /// <summary>The matches below <paramref name="root"/>, as paths relative to it.</summary>
    public IEnumerable<string> Match(string root)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(root, string.Empty, 0, found);
        return found;
    }

    private void Walk(string directory, string relative, int index, HashSet<string> found)
    {
        if (index == parts.Length)
        {
            if (relative.Length > 0)
            {
                found.Add(relative);
            }

            return;
        }

        var part = parts[index];
        if (part.IsRecursive)
        {
            Walk(directory, relative, index + 1, found);
            foreach (var child in Children(directory, directoriesOnly: true, followLinks: false))
            {
                Walk(Path.Join(directory, child), Path.Join(relative, child), index, found);
            }

            return;
        }

        var last = index == parts.Length - 1;
        var candidates = part.Literal is { } literal ? [literal] : Children(directory, directoriesOnly: !last, followLinks: true);
        foreach (var name in candidates)
        {
            var full = Path.Join(directory, name);
            if (!part.Matches(name) || (last ? !Path.Exists(full) && !IsLink(full) : !Directory.Exists(full)))
            {
                continue;
            }

            Walk(full, Path.Join(relative, name), index + 1, found);
        }
    }

    private static IEnumerable<string> Children(string directory, bool directoriesOnly, bool followLinks)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        IEnumerable<string> entries;
        try
        {
            entries = directoriesOnly
                ? Directory.EnumerateDirectories(directory, "*", options)
                : Directory.EnumerateFileSystemEntries(directory, "*", options);
            entries = entries.ToList();
        }
        catch (Exception failure) when (failure is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return [];
        }

        return entries
            .Where(entry => followLinks || !IsLink(entry))
            .Select(entry => Path.GetFileName(entry));
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private sealed class Part
    {
        private Regex? regex;

        public bool IsRecursive { get; private init; }

        /// <summary>Set when the part has no wildcard: the name is looked up instead of listing the directory.</summary>
        public string? Literal { get; private init; }

        public bool Matches(string name) => IsRecursive || Literal == name || (regex?.IsMatch(name) ?? false);

        public static Part Parse(string text)
        {
            if (text == "**")
            {
                return new Part { IsRecursive = true };
            }

            if (text.IndexOfAny(['*', '?', '[']) < 0)
            {
                return new Part { Literal = text };
            }

            var regex = new StringBuilder("^");
            for (var i = 0; i < text.Length; i++)
            {
                switch (text[i])
                {
                    case '*':
                        regex.Append(".*");
                        break;
                    case '?':
                        regex.Append('.');
                        break;
                    case '[':
                        var close = i + 2 <= text.Length ? text.IndexOf(']', i + 2) : -1;
                        if (close < 0)
                        {
                            throw new ArgumentException($"Unclosed '[' in the pattern part '{text}'.", "pattern");
                        }

                        var set = text[(i + 1)..close];
                        regex.Append('[').Append(set[0] == '!' ? "^" + Escape(set[1..]) : Escape(set)).Append(']');
                        i = close;
                        break;
                    default:
                        regex.Append(Regex.Escape(text[i].ToString()));
                        break;
                }
            }

            try
            {
                return new Part { regex = new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, Timeout) };
            }
            catch (ArgumentException invalid)
            {
                throw new ArgumentException($"The pattern part '{text}' is not a valid glob: {invalid.Message}", "pattern", invalid);
            }
        }

        // Inside a set only '\', '^' and ']' are special to .NET besides '-' ranges, which globs share.
        private static string Escape(string set) => set.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("^", "\\^", StringComparison.Ordinal);
    }
}
