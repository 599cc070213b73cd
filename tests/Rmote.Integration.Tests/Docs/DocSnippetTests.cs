using System.Text.RegularExpressions;

namespace Rmote.Integration.Tests.Docs;

/// <summary>
/// Every C# snippet in docs/ must be code a test executes: the block after <c>&lt;!-- snippet: NAME --&gt;</c> has to
/// equal the body of <c>#region snippet:NAME</c> in some test source. A doc edit without the test (or the reverse)
/// fails here, so the docs cannot drift from code that runs.
/// </summary>
public sealed partial class DocSnippetTests
{
    [Fact]
    public void Every_csharp_block_in_docs_is_a_tested_snippet()
    {
        var root = RepositoryRoot();
        var regions = FindRegions(root);
        var problems = new List<string>();
        var checkedBlocks = 0;
        foreach (var doc in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(doc);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("```csharp", StringComparison.Ordinal)) continue;
                var name = i > 0 ? SnippetMarker().Match(lines[i - 1]) : Match.Empty;
                var end = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
                if (end < 0) { problems.Add($"{Rel(root, doc)}:{i + 1}: unterminated code block"); break; }
                var where = $"{Rel(root, doc)}:{i + 1}";
                if (!name.Success) problems.Add($"{where}: csharp block without a '<!-- snippet: NAME -->' line before it");
                else if (!regions.TryGetValue(name.Groups[1].Value, out var body))
                    problems.Add($"{where}: no '#region snippet:{name.Groups[1].Value}' in any test source");
                else if (Normalize(lines[(i + 1)..end]) != body)
                    problems.Add($"{where}: snippet '{name.Groups[1].Value}' differs from its test region");
                else checkedBlocks++;
                i = end;
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedBlocks > 0 || !Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Any(),
            "docs exist but no snippet was checked");
    }

    [Fact]
    public void Snippet_names_are_unique()
    {
        var duplicates = RegionNames(RepositoryRoot()).GroupBy(n => n.Name)
            .Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.File))}").ToList();
        Assert.True(duplicates.Count == 0, "duplicate snippet regions: " + string.Join("; ", duplicates));
    }

    private static IEnumerable<(string Name, string File)> RegionNames(string root) =>
        TestSources(root).SelectMany(file => File.ReadLines(file).Select(l => RegionStart().Match(l))
            .Where(m => m.Success).Select(m => (m.Groups[1].Value, Rel(root, file))));

    private static IEnumerable<string> TestSources(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static Dictionary<string, string> FindRegions(string root)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in TestSources(root))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var start = RegionStart().Match(lines[i]);
                if (!start.Success) continue;
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "#endregion");
                if (end < 0) continue;
                regions[start.Groups[1].Value] = Normalize(lines[(i + 1)..end]);
                i = end;
            }
        }
        return regions;
    }

    /// <summary>Dedents by the smallest indentation and trims blank edges, so docs and code may indent differently.</summary>
    private static string Normalize(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var body = lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..].TrimEnd());
        return string.Join("\n", body).Trim('\n');
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rmote.Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException("Rmote.Actors.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Rel(string root, string path) => Path.GetRelativePath(root, path);

    [GeneratedRegex(@"<!--\s*snippet:\s*([\w.-]+)\s*-->")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^\s*#region\s+snippet:([\w.-]+)\s*$")]
    private static partial Regex RegionStart();
}
