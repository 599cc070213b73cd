using System.Text.RegularExpressions;
using Rmote.Tools.Common;

namespace Rmote.Tools;

// Single-line edits.
public static partial class FileSystem
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Makes sure <paramref name="line"/> is in the file. With <paramref name="regexp"/>, the first (or every, with
    /// <see cref="LineMatch.All"/>) line matching it is replaced by <paramref name="line"/>; when nothing matches — or
    /// without a pattern — <paramref name="line"/> is appended unless the file already has it. The file keeps whether
    /// it ends with a line break (a new or empty file gets one) and its byte order mark, every other line stays byte for
    /// byte, and it is written atomically and only when it changes. The file must be UTF-8.
    /// </summary>
    /// <param name="path">The file; a symlink is followed.</param>
    /// <param name="line">The line that must be present (without a line break).</param>
    /// <param name="regexp">A .NET regular expression searched in each line (evaluated with a 5 s timeout).</param>
    /// <param name="strip">Ignore leading and trailing whitespace when looking for an existing copy of <paramref name="line"/>.</param>
    /// <param name="create">Create the file when it does not exist (otherwise that is an error).</param>
    /// <param name="match">Replace the first or every matching line.</param>
    /// <returns>A unified diff of the change, or "" when the file was already right.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="create"/> is false.</exception>
    /// <exception cref="ArgumentException"><paramref name="line"/> contains a line break, or <paramref name="regexp"/> is invalid.</exception>
    /// <exception cref="RegexMatchTimeoutException">The pattern took too long on a line.</exception>
    /// <exception cref="InvalidDataException">The file is not valid UTF-8 (it is left unchanged).</exception>
    public static string LineInFile(string path, string line, string? regexp = null, bool strip = true, bool create = false, LineMatch match = LineMatch.First)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains('\n') || line.Contains('\r'))
        {
            throw new ArgumentException("The line must not contain a line break.", nameof(line));
        }

        var pattern = regexp is null ? null : Compile(regexp);
        var target = FollowLinks(path);
        var exists = File.Exists(target);
        if (!exists && !create)
        {
            throw new FileNotFoundException($"'{path}' does not exist (pass create: true to create it).", path);
        }

        var (original, byteOrderMark) = exists ? TextFile.Read(target) : (string.Empty, false);
        var updated = EnsureLine(original, line, pattern, strip, match);
        if (updated == original && exists)
        {
            return string.Empty;
        }

        AtomicFile.Write(target, TextFile.Encode(updated, byteOrderMark));
        return UnifiedDiff.Create(original, updated, path);
    }

    private static Regex Compile(string regexp)
    {
        try
        {
            return new Regex(regexp, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException invalid)
        {
            // RegexParseException has no public constructor the host could rebuild it with: report it as what it is.
            throw new ArgumentException($"'{regexp}' is not a valid regular expression: {invalid.Message}", nameof(regexp), invalid);
        }
    }

    private static string EnsureLine(string original, string line, Regex? pattern, bool strip, LineMatch match)
    {
        // An empty file is treated as ending with a line break, so what we add to it gets one.
        var endsWithNewline = original.Length == 0 || original.EndsWith('\n');
        var lines = new List<string>(original.Split('\n'));
        if (endsWithNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var replaced = false;
        if (pattern is not null)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (pattern.IsMatch(lines[i]))
                {
                    lines[i] = line;
                    replaced = true;
                    if (match == LineMatch.First)
                    {
                        break;
                    }
                }
            }
        }

        if (!replaced)
        {
            var wanted = strip ? line.Trim() : line;
            if (lines.Any(existing => (strip ? existing.Trim() : existing) == wanted))
            {
                return original;
            }

            lines.Add(line);
        }

        var text = string.Join('\n', lines);
        return endsWithNewline ? text + "\n" : text;
    }
}
