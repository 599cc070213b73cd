using Rmote.Tools.Common;
using Rmote.Tools.Packages;

namespace Rmote.Tools.Tests;

/// <summary>In-process tests of the text algorithms behind the tools (their tool-level behaviour is tested through agents).</summary>
public sealed class PureLogicTests
{
    [Fact]
    public void UnifiedDiff_matches_diff_u_hunks_and_context()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", "", StringComparison.Ordinal) + "line 21\n";

        var diff = UnifiedDiff.Create(before, after, "a", "b");

        Assert.Equal("""
            --- a
            +++ b
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -15,6 +15,6 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20
            +line 21

            """, diff);
        Assert.Equal("", UnifiedDiff.Create(before, before, "a"));
    }

    [Fact]
    public void UnifiedDiff_of_very_different_texts_is_still_correct()
    {
        var before = string.Concat(Enumerable.Range(0, 3000).Select(i => $"a{i}\n"));
        var after = string.Concat(Enumerable.Range(0, 3000).Select(i => $"b{i}\n"));

        var diff = UnifiedDiff.Create(before, after, "f");

        Assert.StartsWith("--- f\n+++ f\n@@ -1,3000 +1,3000 @@\n-a0\n", diff, StringComparison.Ordinal);
        Assert.Equal(6000, diff.Split('\n').Count(line => line.StartsWith('-') || line.StartsWith('+')) - 2);
    }

    [Fact]
    public void PacmanConfig_ignores_spacing_when_comparing_and_keeps_the_rest_of_the_file()
    {
        const string text = "[options]\nA = 1\n\n[repo]\nServer = x\n\n\n# comment for next\n[next]\nServer = y";

        Assert.Same(text, PacmanConfig.SetSection(text, "repo", ["Server = x"]));
        Assert.Equal("[options]\nA = 1\n\n[repo]\nServer = z\n\n\n# comment for next\n[next]\nServer = y", PacmanConfig.SetSection(text, "repo", ["Server = z"]));
        Assert.Equal("[options]\nA = 1\n\n\n# comment for next\n[next]\nServer = y", PacmanConfig.RemoveSection(text, "repo"));
        Assert.Equal("[options]\nA = 1\n\n[repo]\nServer = x\n\n\n# comment for next", PacmanConfig.RemoveSection(text, "next"));
        Assert.Equal("[new]\nServer = n\n", PacmanConfig.SetSection("", "new", ["Server = n"]));
    }
}
