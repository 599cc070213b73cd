namespace Rmote.Protocol.Tests.Templating;

/// <summary>Errors say where: syntax errors at construction, unknown names and failing members at render.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData("% for x in xs\n${x}", 1, 1, "'% for' is never closed")]
    [InlineData("a\n% if true\n% for x in xs\n% endfor", 2, 1, "'% if' is never closed")]
    [InlineData("text\n% endfor", 2, 1, "'% endfor' without an open block")]
    [InlineData("%", 1, 1, "'%' without an open block")]
    [InlineData("% for x in xs\n% endif", 2, 1, "'% endif' does not close '% for' opened at line 1")]
    [InlineData("% if a\n% endwhile", 2, 1, "'% endwhile' does not close '% if' opened at line 1")]
    [InlineData("% else", 1, 1, "'% else' without an open '% if'")]
    [InlineData("% for x in xs\n% elif y\n% end", 2, 1, "'% elif' without an open '% if'")]
    [InlineData("% if a\n% else\n% elif b\n% end", 3, 1, "'% elif' after '% else'")]
    [InlineData("% if a\n% else\n% else\n% end", 3, 1, "'% else' after '% else'")]
    [InlineData("% break", 1, 1, "'% break' outside a loop")]
    [InlineData("% if a\n% continue\n% end", 2, 1, "'% continue' outside a loop")]
    [InlineData("% frobnicate x", 1, 1, "Unknown statement '% frobnicate'")]
    [InlineData("% for in xs\n%", 1, 7, "Expected a loop variable name after 'for'")]
    [InlineData("% for x of xs\n%", 1, 9, "Expected 'in' after the loop variable")]
    [InlineData("% for x in\n%", 1, 11, "Expected an expression")]
    [InlineData("% else if", 1, 8, "Unexpected 'if' after 'else'")]
    [InlineData("% if\n%", 1, 5, "Expected an expression")]
    [InlineData("line ${x", 1, 6, "Unclosed '${'")]
    [InlineData("a ${}", 1, 3, "Empty '${}'")]
    [InlineData("${1 +}", 1, 6, "Unexpected end of expression")]
    [InlineData("${1 2}", 1, 5, "Unexpected '2'")]
    [InlineData("${(1 + 2}", 1, 9, "Expected ')'")]
    [InlineData("${a ? b}", 1, 8, "Expected ':'")]
    [InlineData("${a = 1}", 1, 5, "Unexpected '='")]
    [InlineData("${\"open}", 1, 3, "Unterminated string literal")]
    [InlineData("${'\\q'}", 1, 4, "Unknown escape sequence '\\q'")]
    [InlineData("${a # b}", 1, 5, "Unexpected character '#'")]
    [InlineData("${12abc}", 1, 3, "Invalid number literal")]
    [InlineData("${99999999999999999999}", 1, 3, "Integer literal out of range")]
    [InlineData("${a.}", 1, 5, "Expected a member name after '.'")]
    [InlineData("${frob(1)}", 1, 3, "Unknown function 'frob'")]
    [InlineData("${len(1, 2)}", 1, 3, "Function 'len' takes 1 argument(s), got 2")]
    [InlineData("${x {y} }", 1, 5, "Unexpected '{'")]
    [InlineData("ok\n  ${a and}", 2, 10, "Unexpected end of expression")]
    [InlineData("% true = 1", 1, 1, "Unknown statement '% true'")]
    public void Syntax_errors_are_reported_at_construction(string source, int line, int column, string reason)
    {
        var error = Assert.Throws<TemplateException>(() => new Template(source));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(reason, error.Message);
        Assert.NotEmpty(error.Text);
    }

    [Theory]
    [InlineData("ok\n  value: ${missing}", 2, 12, "missing", "Unknown name 'missing'")]
    [InlineData("${host.Nmae}", 1, 8, "Nmae", "has no public member or key 'Nmae'")]
    [InlineData("${nothing.Length}", 1, 11, "Length", "Cannot read 'Length' of null")]
    [InlineData("${nothing.Trim()}", 1, 11, "Trim", "Cannot call 'Trim' on null")]
    [InlineData("${host.Name.Frob()}", 1, 13, "Frob", "'String' has no public method 'Frob'")]
    [InlineData("${host.Name.Substring(\"x\")}", 1, 13, "Substring", "No overload of 'String.Substring' takes (String)")]
    [InlineData("${host.Fail}", 1, 8, "Fail", "Reading 'Fail' failed: boom")]
    [InlineData("${host.Explode()}", 1, 8, "Explode", "'Explode' failed: kaboom")]
    [InlineData("${items[5]}", 1, 8, "[", "Index 5 is out of range (count 2)")]
    [InlineData("${items[\"a\"]}", 1, 8, "[", "Expected an integer")]
    [InlineData("${map[\"nope\"]}", 1, 6, "[", "Key 'nope' not found")]
    [InlineData("${1 / 0}", 1, 5, "/", "Arithmetic error in '/'")]
    [InlineData("${2147483647 + 1}", 1, 14, "+", "Arithmetic overflow")]
    [InlineData("${host - 1}", 1, 8, "-", "Operator '-' cannot be applied")]
    [InlineData("${host < 1}", 1, 8, "<", "Cannot compare")]
    [InlineData("% for x in 5\n%", 1, 1, "% for x in 5", "Cannot iterate over a value of type 'Int32'")]
    [InlineData("${range(1, 5, 0)}", 1, 3, "range", "range() step must not be zero")]
    [InlineData("% x += 1", 1, 1, "% x += 1", "Unknown name 'x'")]
    public void Render_errors_say_where(string source, int line, int column, string text, string reason)
    {
        var template = new Template(source);
        var model = new
        {
            host = new Failing(),
            nothing = (string?)null,
            items = new[] { 1, 2 },
            map = new Dictionary<string, object?> { ["yes"] = 1 },
        };
        var error = Assert.Throws<TemplateException>(() => template.Render(model));
        Assert.Equal((line, column, text), (error.Line, error.Column, error.Text));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_failing_member_keeps_the_original_exception_as_inner()
    {
        var error = Assert.Throws<TemplateException>(() => Template.RenderTemplate("${host.Explode()}", new { host = new Failing() }));
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Runaway_loops_end_with_an_error_instead_of_hanging()
    {
        var error = Assert.Throws<TemplateException>(() => Template.RenderTemplate("% while true\n% end", null));
        Assert.Contains("loop iterations", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Deeply_nested_input_is_a_syntax_error_not_a_stack_overflow()
    {
        var parens = "${" + new string('(', 5000) + "1" + new string(')', 5000) + "}";
        Assert.Contains("nested too deeply", Assert.Throws<TemplateException>(() => new Template(parens)).Message);
        var nots = "${" + string.Concat(Enumerable.Repeat("!", 5000)) + "true}";
        Assert.Contains("nested too deeply", Assert.Throws<TemplateException>(() => new Template(nots)).Message);
        var blocks = string.Concat(Enumerable.Repeat("% if true\n", 500)) + string.Concat(Enumerable.Repeat("% end\n", 500));
        Assert.Contains("nested more than", Assert.Throws<TemplateException>(() => new Template(blocks)).Message);
    }

    [Fact]
    public void Nesting_within_the_limits_works()
    {
        var parens = "${" + new string('(', 50) + "1" + new string(')', 50) + "}";
        Assert.Equal("1", Template.RenderTemplate(parens, null));
        var blocks = string.Concat(Enumerable.Repeat("% if true\n", 40)) + "deep\n" + string.Concat(Enumerable.Repeat("% end\n", 40));
        Assert.Equal("deep", Template.RenderTemplate(blocks, null));
    }

    public sealed class Failing
    {
        public string Name => "host";

        public string Fail => throw new InvalidOperationException("boom");

        public string Explode() => throw new InvalidOperationException("kaboom");
    }
}
