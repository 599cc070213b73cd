namespace Rmote.Tools.Packages;

/// <summary>
/// Edits repository sections of <c>pacman.conf</c> text. A section is its <c>[name]</c> header and the lines up to the
/// next header, minus the blank and comment lines at its end: those belong to what follows (pacman.conf keeps
/// commented-out repositories such as <c>#[core-testing]</c> between sections, and rmote deleted them along with the
/// section before). Comparing only the section's own lines also makes a present section idempotent however it is
/// spaced.
/// </summary>
internal static class PacmanConfig
{
    /// <summary>The text with section <paramref name="name"/> holding exactly <paramref name="body"/> (appended if missing).</summary>
    public static string SetSection(string text, string name, IReadOnlyList<string> body)
    {
        var lines = Lines(text, out var endsWithNewline);
        string[] wanted = [$"[{name}]", .. body];
        if (Find(lines, name) is not { } section)
        {
            while (lines.Count > 0 && lines[^1].Trim().Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            if (lines.Count > 0)
            {
                lines.Add(string.Empty);
            }

            lines.AddRange(wanted);
            return Join(lines, endsWithNewline: true);
        }

        if (lines.Skip(section.Start).Take(section.Length).Select(line => line.TrimEnd()).SequenceEqual(wanted))
        {
            return text;
        }

        lines.RemoveRange(section.Start, section.Length);
        lines.InsertRange(section.Start, wanted);
        return Join(lines, endsWithNewline);
    }

    /// <summary>The text without any section <paramref name="name"/> (and without the blank line that separated it).</summary>
    public static string RemoveSection(string text, string name)
    {
        var lines = Lines(text, out var endsWithNewline);
        var removed = false;
        while (Find(lines, name) is { } section)
        {
            lines.RemoveRange(section.Start, section.Length);
            // Two blank lines now meet where the section was: keep one.
            if (section.Start > 0 && lines[section.Start - 1].Trim().Length == 0
                && (section.Start == lines.Count || lines[section.Start].Trim().Length == 0))
            {
                lines.RemoveAt(section.Start - 1);
            }

            removed = true;
        }

        return removed ? Join(lines, endsWithNewline) : text;
    }

    private static (int Start, int Length)? Find(List<string> lines, string name)
    {
        var header = $"[{name}]";
        var start = lines.FindIndex(line => line.Trim() == header);
        if (start < 0)
        {
            return null;
        }

        var end = lines.FindIndex(start + 1, line => line.TrimStart().StartsWith('['));
        end = end < 0 ? lines.Count : end;
        while (end - 1 > start && lines[end - 1].Trim() is var trimmed && (trimmed.Length == 0 || trimmed.StartsWith('#')))
        {
            end--;
        }

        return (start, end - start);
    }

    private static List<string> Lines(string text, out bool endsWithNewline)
    {
        endsWithNewline = text.Length == 0 || text.EndsWith('\n');
        var lines = text.Split('\n').ToList();
        if (endsWithNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static string Join(List<string> lines, bool endsWithNewline) =>
        lines.Count == 0 ? string.Empty : string.Join('\n', lines) + (endsWithNewline ? "\n" : string.Empty);
}
