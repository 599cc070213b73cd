using System.Text.Json;

namespace Rmote.Protocol.Tests.Templating;

/// <summary>
/// Every C# example of docs/templating.md, executed. The markdown holds each region's body verbatim (dedented) after a
/// <c>&lt;!-- snippet: NAME --&gt;</c> line; change both together.
/// </summary>
public class DocSnippetTests
{
    [Fact]
    public void Quickstart()
    {
        #region snippet:quickstart
        var template = new Template("""
            # ${Name}
            % for port in Ports
            listen ${port}
            % endfor
            """);

        string text = template.Render(new { Name = "web", Ports = new[] { 80, 443 } });

        Assert.Equal("# web\nlisten 80\nlisten 443", text);
        #endregion
    }

    [Fact]
    public void Interpolation()
    {
        #region snippet:interpolation
        var model = new { user = "ada", price = 9.5, tags = new[] { "a", "b" } };

        Assert.Equal("Hello ada!", Template.RenderTemplate("Hello ${user}!", model));
        Assert.Equal("total: 19.00", Template.RenderTemplate("total: ${(price * 2).ToString(\"F2\")}", model));
        Assert.Equal("${user} = ada", Template.RenderTemplate("\\${user} = ${user}", model));
        Assert.Equal("costs $100 {not code}", Template.RenderTemplate("costs $100 {not code}", model));
        Assert.Equal("}", Template.RenderTemplate("${\"}\"}", model));
        Assert.Equal("[a, b] True []", Template.RenderTemplate("${tags} ${true} [${null}]", model));
        #endregion
    }

    [Fact]
    public void Loops()
    {
        #region snippet:loops
        const string source = """
            % for host in hosts:
            %   if !host.Enabled
            %     continue
            %   endif
            server ${host.Name}
            % end
            % for i in range(3)
            ${i}
            %
            """;
        var hosts = new[]
        {
            new { Name = "a", Enabled = true },
            new { Name = "b", Enabled = false },
            new { Name = "c", Enabled = true },
        };

        Assert.Equal("server a\nserver c\n0\n1\n2", Template.RenderTemplate(source, new { hosts }));
        #endregion
    }

    [Fact]
    public void Conditionals()
    {
        #region snippet:conditionals
        const string source = """
            mode:
            % if load > 0.9
              critical
            % elif load > 0.5
              busy
            % else
              idle
            % endif
            done
            """;

        Assert.Equal("mode:\n  busy\ndone", Template.RenderTemplate(source, new { load = 0.7 }));
        #endregion
    }

    [Fact]
    public void Assignment_and_while()
    {
        #region snippet:assignment
        const string source = """
            % total = 0
            % n = 1
            % while n <= 4
            %   total += n
            %   n += 1
            % endwhile
            sum = ${total}
            % label = "items"
            % label += ": " + join(", ", sorted(items))
            ${label}
            """;

        Assert.Equal("sum = 10\nitems: x, y, z", Template.RenderTemplate(source, new { items = new[] { "z", "x", "y" } }));
        #endregion
    }

    [Fact]
    public void Percent_lines_and_comments()
    {
        #region snippet:percent-and-comments
        const string source = """
            ## This comment is not rendered.
            %% literal percent line, ${x} still expands
              %% indentation before %% is kept
            100% is plain text
            """;

        Assert.Equal(
            "% literal percent line, 1 still expands\n  % indentation before %% is kept\n100% is plain text",
            Template.RenderTemplate(source, new { x = 1 }));
        #endregion
    }

    [Fact]
    public void Line_joining()
    {
        #region snippet:lines
        Assert.Equal("a", Template.RenderTemplate("a\n", null));
        Assert.Equal("a\n", Template.RenderTemplate("a\n\n", null));
        Assert.Equal("a\nb", Template.RenderTemplate("a\r\nb\r\n", null));
        Assert.Equal("a\nc", Template.RenderTemplate("a\n% if false\nb\n% endif\nc", null));
        #endregion
    }

    [Fact]
    public void Expressions()
    {
        #region snippet:expressions
        var model = new
        {
            n = 7,
            name = "World",
            missing = (string?)null,
            list = new List<string> { "b", "a" },
            map = new Dictionary<string, object?> { ["key"] = "value" },
        };

        Assert.Equal("3 3.5 1", Template.RenderTemplate("${n / 2} ${n / 2.0} ${n % 2}", model));
        Assert.Equal("n=7", Template.RenderTemplate("${\"n=\" + n}", model));
        Assert.Equal("True True", Template.RenderTemplate("${n > 5 && name != \"\"} ${not missing}", model));
        Assert.Equal("big", Template.RenderTemplate("${n > 5 ? \"big\" : \"small\"}", model));
        Assert.Equal("fallback", Template.RenderTemplate("${missing ?? \"fallback\"}", model));
        Assert.Equal("WORLD 5 b value value", Template.RenderTemplate(
            "${name.ToUpper()} ${name.Length} ${list[0]} ${map[\"key\"]} ${map.key}", model));
        Assert.Equal("2 [a, b] b|a 7", Template.RenderTemplate(
            "${len(list)} ${sorted(list)} ${join(\"|\", list)} ${str(n)}", model));
        #endregion
    }

    [Fact]
    public void Json_models()
    {
        #region snippet:json-model
        var original = new { Name = "db", Port = 5432, Ratio = 0.25, Price = 1.50m, Tags = new[] { "a", "b" } };
        const string source = "${Name}:${Port + 1} ${Ratio * 2} ${Price} ${Tags.Length} ${Tags.Contains(\"b\")}";

        string json = JsonSerializer.Serialize(original);
        var asDictionary = JsonSerializer.Deserialize<Dictionary<string, object?>>(json);
        var asElement = JsonSerializer.Deserialize<JsonElement>(json);

        Assert.Equal("db:5433 0.5 1.50 2 True", Template.RenderTemplate(source, original));
        Assert.Equal("db:5433 0.5 1.50 2 True", Template.RenderTemplate(source, asDictionary));
        Assert.Equal("db:5433 0.5 1.50 2 True", Template.RenderTemplate(source, asElement));
        #endregion
    }

    [Fact]
    public void Errors()
    {
        #region snippet:errors
        var syntax = Assert.Throws<TemplateException>(() => new Template("% for x in xs\n${x}\n% endif"));
        Assert.Equal((3, 1), (syntax.Line, syntax.Column));
        Assert.Equal("'% endif' does not close '% for' opened at line 1 (line 3, column 1: '% endif')", syntax.Message);

        var render = Assert.Throws<TemplateException>(() => Template.RenderTemplate("port: ${server.Prot}", new { server = new { Port = 1 } }));
        Assert.Equal((1, 16, "Prot"), (render.Line, render.Column, render.Text));
        #endregion
    }

    [Fact]
    public void Sandbox()
    {
        #region snippet:sandbox
        var model = new { s = "text" };

        var error = Assert.Throws<TemplateException>(() => Template.RenderTemplate("${s.GetType().Assembly}", model));
        Assert.StartsWith("Method 'GetType' is not allowed in templates", error.Message);
        Assert.Throws<TemplateException>(() => Template.RenderTemplate("${Environment.Exit(1)}", model));
        #endregion
    }

    [Fact]
    public void Serialization()
    {
        #region snippet:serialization
        var template = new Template("listen ${port}");

        string json = JsonSerializer.Serialize(template);
        Template copy = JsonSerializer.Deserialize<Template>(json)!;

        Assert.Equal("\"listen ${port}\"", json);
        Assert.Equal("listen 8080", copy.Render(new { port = 8080 }));
        #endregion
    }
}
