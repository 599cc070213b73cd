namespace Rmote.Protocol.Tests.Templating;

/// <summary>Statements: for, if/elif/else, while, break/continue, assignments, closers.</summary>
public class ControlFlowTests
{
    [Fact]
    public void For_loop_renders_each_item()
    {
        const string source = "% for h in hosts\nhost ${h}\n% endfor";
        Assert.Equal("host a\nhost b", Template.RenderTemplate(source, new { hosts = new[] { "a", "b" } }));
    }

    [Fact]
    public void Empty_loop_renders_nothing_and_leaves_no_blank_line()
    {
        const string source = "before\n% for h in hosts\n${h}\n% endfor\nafter";
        Assert.Equal("before\nafter", Template.RenderTemplate(source, new { hosts = Array.Empty<string>() }));
    }

    [Theory]
    [InlineData(true, "before\ninside\nafter")]
    [InlineData(false, "before\nafter")]
    public void False_if_leaves_no_blank_line(bool flag, string expected)
    {
        const string source = "before\n% if flag\ninside\n% endif\nafter";
        Assert.Equal(expected, Template.RenderTemplate(source, new { flag }));
    }

    [Theory]
    [InlineData(1, "one")]
    [InlineData(2, "two")]
    [InlineData(3, "many")]
    public void If_elif_else_picks_the_first_true_branch(int n, string expected)
    {
        const string source = "% if n == 1:\none\n% elif n == 2:\ntwo\n% else:\nmany\n% endif";
        Assert.Equal(expected, Template.RenderTemplate(source, new { n }));
    }

    [Theory]
    [InlineData("% endfor")]
    [InlineData("% end")]
    [InlineData("%")]
    [InlineData("  %  ")]
    [InlineData("% endfor:")]
    public void Blocks_close_with_their_closer_end_or_a_bare_percent(string closer)
    {
        var source = $"% for x in range(3):\n${{x}}\n{closer}\ndone";
        Assert.Equal("0\n1\n2\ndone", Template.RenderTemplate(source, null));
    }

    [Fact]
    public void Break_and_continue()
    {
        const string source = """
            % for i in range(10)
            % if i % 2 == 1
            % continue
            % endif
            % if i > 6
            % break
            % endif
            ${i}
            % endfor
            """;
        Assert.Equal("0\n2\n4\n6", Template.RenderTemplate(source, null));
    }

    [Fact]
    public void Break_leaves_only_the_innermost_loop()
    {
        const string source = "% for a in range(3)\n% for b in range(3)\n% if b == 1\n% break\n% end\n${a}${b}\n% end\n% end";
        Assert.Equal("00\n10\n20", Template.RenderTemplate(source, null));
    }

    [Fact]
    public void Three_levels_of_nesting()
    {
        const string source = """
            % for g in groups
            [${g.Name}]
            % for h in g.Hosts
            % if h.Enabled
            % for p in h.Ports
              ${h.Name}:${p}
            % endfor
            % else
              # ${h.Name} disabled
            % endif
            % endfor
            % endfor
            """;
        var model = new
        {
            groups = new[]
            {
                new { Name = "web", Hosts = new[] { new { Name = "w1", Enabled = true, Ports = new[] { 80, 443 } } } },
                new
                {
                    Name = "db",
                    Hosts = new[]
                    {
                        new { Name = "d1", Enabled = false, Ports = new[] { 5432 } },
                        new { Name = "d2", Enabled = true, Ports = new[] { 5432 } },
                    },
                },
            },
        };
        Assert.Equal("[web]\n  w1:80\n  w1:443\n[db]\n  # d1 disabled\n  d2:5432", Template.RenderTemplate(source, model));
    }

    [Fact]
    public void While_loop_with_assignments()
    {
        const string source = "% i = 0\n% while i < 3:\n${i}\n% i += 1\n% endwhile\nlast ${i}";
        Assert.Equal("0\n1\n2\nlast 3", Template.RenderTemplate(source, null));
    }

    [Fact]
    public void Assignment_accumulates_and_plus_equals_reads_the_model_value_first()
    {
        const string source = "% total = 0\n% for n in numbers\n% total += n\n% endfor\n% greeting += \"!\"\n${total} ${greeting}";
        Assert.Equal("6 hi!", Template.RenderTemplate(source, new { numbers = new[] { 1, 2, 3 }, greeting = "hi" }));
    }

    [Fact]
    public void Loop_variable_keeps_its_last_value_and_shadows_the_model()
    {
        const string source = "% for x in items\n% endfor\n${x}";
        Assert.Equal("c", Template.RenderTemplate(source, new { x = "model", items = new[] { "a", "b", "c" } }));
    }

    [Fact]
    public void Loop_over_a_dictionary_yields_key_value_pairs()
    {
        const string source = "% for e in settings\n${e.Key}=${e.Value}\n% endfor";
        var settings = new Dictionary<string, object?> { ["a"] = 1, ["b"] = "two" };
        Assert.Equal("a=1\nb=two", Template.RenderTemplate(source, new { settings }));
    }

    [Fact]
    public void Statements_may_be_indented()
    {
        const string source = "  % for x in range(2)\n    % if x == 1\n  one\n    % endif\n  % endfor";
        Assert.Equal("  one", Template.RenderTemplate(source, null));
    }
}
