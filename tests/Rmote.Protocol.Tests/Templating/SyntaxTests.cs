namespace Rmote.Protocol.Tests.Templating;

/// <summary>rmote's template syntax: interpolation, escapes, comments, %% lines and how lines are joined.</summary>
public class SyntaxTests
{
    [Theory]
    [InlineData("${a}+${b}=${c}", "1+2=3")]
    [InlineData("${s.ToUpper()}", "HELLO")]
    [InlineData("${flag ? \"yes\" : \"no\"}", "yes")]
    [InlineData("\\${x} = ${x}", "${x} = 42")]
    [InlineData("$100", "$100")]
    [InlineData("{hello}", "{hello}")]
    [InlineData("total: $", "total: $")]
    [InlineData("a $ b { c } d", "a $ b { c } d")]
    [InlineData("${\"}\"}", "}")]
    [InlineData("${'{' + s + '}'}", "{hello}")]
    [InlineData("${\"${x}\"}", "${x}")]
    [InlineData("[${x}]{${x}}", "[42]{42}")]
    [InlineData("${ x }", "42")]
    [InlineData("plain text", "plain text")]
    [InlineData("", "")]
    public void Interpolation(string source, string expected)
    {
        var model = new { a = 1, b = 2, c = 3, s = "hello", flag = true, x = 42 };
        Assert.Equal(expected, Template.RenderTemplate(source, model));
    }

    [Theory]
    [InlineData("a\n", "a")]
    [InlineData("a\n\n", "a\n")]
    [InlineData("a\nb", "a\nb")]
    [InlineData("a\r\nb\r\n", "a\nb")]
    [InlineData("\n", "")]
    [InlineData("\n\na", "\n\na")]
    [InlineData("  indented\n\tTabbed", "  indented\n\tTabbed")]
    public void Lines_are_joined_with_newline_without_a_trailing_one(string source, string expected)
    {
        Assert.Equal(expected, Template.RenderTemplate(source, null));
    }

    [Fact]
    public void Comment_lines_leave_no_trace()
    {
        const string source = "## header comment\nkeep\n    ## indented comment\nend";
        Assert.Equal("keep\nend", Template.RenderTemplate(source, null));
    }

    [Theory]
    [InlineData("%% literal", "% literal")]
    [InlineData("%%", "%")]
    [InlineData("  %% indented", "  % indented")]
    [InlineData("%%${x}%", "%42%")]
    [InlineData("%% for x in y", "% for x in y")]
    [InlineData("100% sure", "100% sure")]
    [InlineData("a %% b", "a %% b")]
    public void Double_percent_starts_a_text_line_with_a_literal_percent(string source, string expected)
    {
        Assert.Equal(expected, Template.RenderTemplate(source, new { x = 42 }));
    }

    [Fact]
    public void Indentation_of_text_lines_is_kept_inside_blocks()
    {
        const string source = """
            server {
            % for port in ports
                listen ${port};
            % endfor
            }
            """;
        Assert.Equal("server {\n    listen 80;\n    listen 443;\n}", Template.RenderTemplate(source, new { ports = new[] { 80, 443 } }));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(true, "True")]
    [InlineData(false, "False")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(-3, "-3")]
    [InlineData('c', "c")]
    public void Values_render_invariantly(object? value, string expected)
    {
        Assert.Equal(expected, Template.RenderTemplate("${v}", new Dictionary<string, object?> { ["v"] = value }));
    }

    [Fact]
    public void Collections_render_as_lists_and_dictionaries_like_anonymous_objects()
    {
        var model = new
        {
            list = new List<int> { 1, 2 },
            map = new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" },
            empty = Array.Empty<string>(),
            date = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            level = DayOfWeek.Friday,
        };
        Assert.Equal("[1, 2] { a = 1, b = x } [] 01/02/2024 03:04:05 Friday",
            Template.RenderTemplate("${list} ${map} ${empty} ${date} ${level}", model));
    }
}
