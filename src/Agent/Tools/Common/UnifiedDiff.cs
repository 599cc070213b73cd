using System.Text;

namespace Rmote.Tools.Common;

/// <summary>
/// A unified diff (<c>diff -u</c> / <c>git diff</c> format, three lines of context) between two texts, or "" when they
/// are equal. A last line without a line break is marked <c>\ No newline at end of file</c>, so a change of only the
/// final newline shows and the output applies with <c>patch</c>. Lines are compared with Myers' algorithm after the
/// common head and tail are cut off; a very large difference falls back to replacing the changed middle as a whole,
/// which is still a correct diff.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;
    private const int MaxEditDistance = 2000;

    private enum Op : byte
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>The diff turning <paramref name="before"/> into <paramref name="after"/>, with both file headers naming <paramref name="path"/>.</summary>
    public static string Create(string before, string after, string path) => Create(before, after, path, path);

    /// <summary>The diff turning <paramref name="before"/> into <paramref name="after"/>.</summary>
    public static string Create(string before, string after, string fromFile, string toFile)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var a = SplitLines(before);
        var b = SplitLines(after);
        var script = EditScript(a, b);
        var text = new StringBuilder();
        text.Append("--- ").Append(fromFile).Append('\n').Append("+++ ").Append(toFile).Append('\n');
        foreach (var (start, end) in Hunks(script))
        {
            AppendHunk(text, script, start, end, a, b);
        }

        return text.ToString();
    }

    /// <summary>Lines including their "\n" (the last one may lack it), so a missing final newline is a difference.</summary>
    private static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return [.. lines];
    }

    private static List<Op> EditScript(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var script = new List<Op>(a.Length + b.Length);
        script.AddRange(Enumerable.Repeat(Op.Equal, head));
        script.AddRange(Myers(a.AsSpan(head, a.Length - head - tail), b.AsSpan(head, b.Length - head - tail)));
        script.AddRange(Enumerable.Repeat(Op.Equal, tail));
        return script;
    }

    private static List<Op> Myers(ReadOnlySpan<string> a, ReadOnlySpan<string> b)
    {
        int n = a.Length, m = b.Length, max = n + m, offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= Math.Min(max, MaxEditDistance); d++)
        {
            trace.Add(v[(offset - d)..(offset + d + 1)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, n, m);
                }
            }
        }

        // Too different to be worth an exact minimal diff: delete everything, insert everything.
        var script = new List<Op>(max);
        script.AddRange(Enumerable.Repeat(Op.Delete, n));
        script.AddRange(Enumerable.Repeat(Op.Insert, m));
        return script;
    }

    // trace[d] holds V before round d, indexed by k + d.
    private static List<Op> Backtrack(List<int[]> trace, int n, int m)
    {
        var script = new List<Op>(n + m);
        int x = n, y = m;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var down = k == -d || (k != d && v[k - 1 + d] < v[k + 1 + d]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = v[previousK + d];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                script.Add(Op.Equal);
                x--;
                y--;
            }

            script.Add(down ? Op.Insert : Op.Delete);
            x = previousX;
            y = previousY;
        }

        for (; x > 0; x--)
        {
            script.Add(Op.Equal);
        }

        script.Reverse();
        return script;
    }

    /// <summary>Ranges of the script, each a run of changes with up to <see cref="Context"/> equal lines around it.</summary>
    private static List<(int Start, int End)> Hunks(List<Op> script)
    {
        var hunks = new List<(int Start, int End)>();
        var i = 0;
        while (i < script.Count)
        {
            if (script[i] == Op.Equal)
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < script.Count)
            {
                var equalRun = 0;
                while (end + equalRun < script.Count && script[end + equalRun] == Op.Equal)
                {
                    equalRun++;
                }

                if (end + equalRun == script.Count || equalRun > 2 * Context)
                {
                    end += Math.Min(equalRun, Context);
                    break;
                }

                end += equalRun;
                while (end < script.Count && script[end] != Op.Equal)
                {
                    end++;
                }
            }

            hunks.Add((start, end));
            i = end;
        }

        return hunks;
    }

    private static void AppendHunk(StringBuilder text, List<Op> script, int start, int end, string[] a, string[] b)
    {
        // Line numbers at the hunk's start: count what precedes it in each file.
        int aLine = 0, bLine = 0;
        for (var i = 0; i < start; i++)
        {
            if (script[i] != Op.Insert) aLine++;
            if (script[i] != Op.Delete) bLine++;
        }

        int aCount = 0, bCount = 0;
        for (var i = start; i < end; i++)
        {
            if (script[i] != Op.Insert) aCount++;
            if (script[i] != Op.Delete) bCount++;
        }

        text.Append("@@ -").Append(Range(aLine, aCount)).Append(" +").Append(Range(bLine, bCount)).Append(" @@\n");
        int ai = aLine, bi = bLine;
        for (var i = start; i < end; i++)
        {
            switch (script[i])
            {
                case Op.Equal:
                    AppendLine(text, ' ', a[ai++]);
                    bi++;
                    break;
                case Op.Delete:
                    AppendLine(text, '-', a[ai++]);
                    break;
                default:
                    AppendLine(text, '+', b[bi++]);
                    break;
            }
        }
    }

    // As diff -u: "start,count", just "start" for one line, and for an empty range the line before it.
    private static string Range(int before, int count) => count switch
    {
        1 => $"{before + 1}",
        0 => $"{before},0",
        _ => $"{before + 1},{count}",
    };

    private static void AppendLine(StringBuilder text, char prefix, string line)
    {
        text.Append(prefix).Append(line);
        if (!line.EndsWith('\n'))
        {
            text.Append("\n\\ No newline at end of file\n");
        }
    }
}
