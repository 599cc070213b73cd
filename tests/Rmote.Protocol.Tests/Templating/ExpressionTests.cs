namespace Rmote.Protocol.Tests.Templating;

/// <summary>The expression language: literals, operators, precedence, members, indexers, calls, functions.</summary>
public class ExpressionTests
{
    private static readonly object Model = new
    {
        n = 7,
        big = 3_000_000_000L,
        price = 2.5,
        amount = 1.50m,
        name = "World",
        empty = "",
        nothing = (string?)null,
        list = new List<string> { "b", "a", "c" },
        array = new[] { 3, 1, 2 },
        matrix = new[] { new[] { 1, 2 }, new[] { 3, 4 } },
        map = new Dictionary<string, object?> { ["key"] = "value", ["inner"] = new Dictionary<string, int> { ["x"] = 9 } },
        host = new Host("web1", 8080, ["a", "b"]),
    };

    [Theory]
    // literals
    [InlineData("${42}", "42")]
    [InlineData("${1.25}", "1.25")]
    [InlineData("${1.50m}", "1.50")]
    [InlineData("${1e3}", "1000")]
    [InlineData("${\"a\\tb\\n\"}", "a\tb\n")]
    [InlineData("${'single \\'quoted\\''}", "single 'quoted'")]
    [InlineData("${\"\\u0041\"}", "A")]
    [InlineData("${true} ${false} [${null}]", "True False []")]
    [InlineData("${4000000000}", "4000000000")]
    // arithmetic, C# semantics
    [InlineData("${1 + 2 * 3}", "7")]
    [InlineData("${(1 + 2) * 3}", "9")]
    [InlineData("${n / 2}", "3")]
    [InlineData("${n % 4}", "3")]
    [InlineData("${n / 2.0}", "3.5")]
    [InlineData("${-n + +1}", "-6")]
    [InlineData("${10 - 2 - 3}", "5")]
    [InlineData("${big + n}", "3000000007")]
    [InlineData("${price * 2}", "5")]
    [InlineData("${amount * 2}", "3.00")]
    [InlineData("${amount + price}", "4")]
    [InlineData("${\"n=\" + n}", "n=7")]
    [InlineData("${n + \"!\"}", "7!")]
    [InlineData("${name + nothing}", "World")]
    // comparisons and logic
    [InlineData("${n == 7} ${n != 7} ${n == 7.0} ${big > n}", "True False True True")]
    [InlineData("${n < 7} ${n <= 7} ${n > 6} ${n >= 8}", "False True True False")]
    [InlineData("${\"a\" < \"b\"} ${name == \"World\"} ${nothing == null}", "True True True")]
    [InlineData("${n > 1 && n < 10} ${n > 1 and n > 10} ${n < 1 || n == 7} ${n < 1 or false}", "True False True False")]
    [InlineData("${!true} ${not empty} ${!list} ${not nothing}", "False True False True")]
    [InlineData("${true || 1 / 0 == 0} ${false && 1 / 0 == 0}", "True False")]
    [InlineData("${1 < 2 == true}", "True")]
    // null coalescing and the conditional operator
    [InlineData("${nothing ?? \"default\"} ${name ?? \"default\"}", "default World")]
    [InlineData("${n > 5 ? \"big\" : \"small\"}", "big")]
    [InlineData("${n > 10 ? \"huge\" : n > 5 ? \"big\" : \"small\"}", "big")]
    [InlineData("${nothing ?? null ?? \"last\"}", "last")]
    // members, indexers, methods
    [InlineData("${host.Name}:${host.Port}", "web1:8080")]
    [InlineData("${host.Tags[1]}", "b")]
    [InlineData("${list.Count} ${list.Length} ${array.Length} ${array.Count} ${name.Length}", "3 3 3 3 5")]
    [InlineData("${list[0]} ${array[2]} ${name[0]}", "b 2 W")]
    [InlineData("${matrix[1][0]}", "3")]
    [InlineData("${map[\"key\"]} ${map.key} ${map[\"inner\"][\"x\"]} ${map.inner.x}", "value value 9 9")]
    [InlineData("${map.Count}", "2")]
    [InlineData("${name.ToUpper()} ${name.ToLower()}", "WORLD world")]
    [InlineData("${price.ToString(\"F2\")}", "2.50")]
    [InlineData("${name.Substring(1, 3)}", "orl")]
    [InlineData("${name.Replace(\"World\", \"There\")}", "There")]
    [InlineData("${name.StartsWith(\"Wo\")} ${list.Contains(\"a\")}", "True True")]
    [InlineData("${array.Contains(2)} ${array.Contains(9)} ${array.IndexOf(2)}", "True False 2")]
    [InlineData("${\"a,b\".Split(\",\")[1]}", "b")]
    [InlineData("${\"  x  \".Trim()}|", "x|")]
    [InlineData("${\"path/\".TrimEnd(\"/\")}", "path")]
    [InlineData("${host.Describe(\"!\")}", "web1:8080!")]
    [InlineData("${n.ToString().Length}", "1")]
    [InlineData("${name.PadLeft(n)}", "  World")]
    [InlineData("${big.CompareTo(n)}", "1")]
    // functions
    [InlineData("${len(list)} ${len(name)} ${len(map)} ${len(range(5))}", "3 5 2 5")]
    [InlineData("${range(3)} ${range(1, 4)} ${range(10, 0, -3)}", "[0, 1, 2] [1, 2, 3] [10, 7, 4, 1]")]
    [InlineData("${sorted(list)} ${sorted(array)}", "[a, b, c] [1, 2, 3]")]
    [InlineData("${join(\", \", list)} ${join(\"-\", range(3))}", "b, a, c 0-1-2")]
    [InlineData("${str(n) + str(true) + str(null)}", "7True")]
    [InlineData("${len(str(big))}", "10")]
    public void Evaluates(string source, string expected)
    {
        Assert.Equal(expected, Template.RenderTemplate(source, Model));
    }

    [Theory]
    [InlineData("% if list\nyes\n% endif", "yes")]
    [InlineData("% if empty\nyes\n% else\nno\n% endif", "no")]
    [InlineData("% if 0\nyes\n% else\nno\n% endif", "no")]
    [InlineData("% if 0.5\nyes\n% endif", "yes")]
    [InlineData("% if range(0)\nyes\n% else\nno\n% endif", "no")]
    [InlineData("% if host\nyes\n% endif", "yes")]
    public void Conditions_use_python_like_truth(string source, string expected)
    {
        Assert.Equal(expected, Template.RenderTemplate(source, Model));
    }

    public sealed record Host(string Name, int Port, string[] Tags)
    {
        public string Describe(string suffix) => $"{Name}:{Port}{suffix}";
    }
}
