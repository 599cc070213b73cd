using System.Dynamic;
using System.Text.Json;

namespace Rmote.Protocol.Tests.Templating;

/// <summary>The kinds of model: anonymous objects, POCOs, dictionaries, and the same data after a JSON round trip.</summary>
public class ModelTests
{
    private const string Config = """
        # ${Name} (${Id})
        enabled = ${Enabled}
        ratio = ${Ratio} / price = ${Price} / huge = ${Huge} / tiny = ${Tiny}
        % for s in Servers
        server ${s.Host}:${s.Port}${s.Backup ? " backup" : ""} weight=${s.Weight * 2} tags=${join(",", s.Tags)} n=${s.Tags.Count}
        % if s.Tags.Contains("primary")
          primary ${s.Tags[0].ToUpper()} ${s.Port == 80} ${s.Port + 1}
        % endif
        % endfor
        servers: ${len(Servers)} / ${Servers.Length} / ${Servers[1].Host}
        options: ${Options["mode"]} ${Options.retries + 1} ${Options}
        ports: ${Ports} sorted=${sorted(Ports)} missing=${Missing ?? "none"}
        """;

    private static readonly Settings Original = new(
        "edge", 7, true, 0.1, 1.50m, 1e20, 1.5e-7,
        [new Server("a", 80, false, 2, ["primary", "x"]), new Server("b", 8080, true, 0.5, [])],
        new Dictionary<string, object?> { ["mode"] = "fast", ["retries"] = 3 },
        [443, 80], null);

    [Fact]
    public void Poco_anonymous_object_and_dictionary_models_render_alike()
    {
        var fromPoco = Template.RenderTemplate(Config, Original);
        var fromDictionary = Template.RenderTemplate(Config, ToDictionary(Original));
        var fromAnonymous = Template.RenderTemplate("${Name} ${Servers[0].Host}", new { Original.Name, Original.Servers });
        Assert.Equal(fromPoco, fromDictionary);
        Assert.Equal("edge a", fromAnonymous);
        Assert.Contains("server a:80 weight=4 tags=primary,x n=2", fromPoco);
        Assert.Contains("ratio = 0.1 / price = 1.50 / huge = 1E+20 / tiny = 1.5E-07", fromPoco);
    }

    [Fact]
    public void A_model_that_arrived_as_json_renders_exactly_like_the_original()
    {
        var expected = Template.RenderTemplate(Config, Original);
        var json = JsonSerializer.Serialize(Original);

        var asElement = JsonSerializer.Deserialize<JsonElement>(json);
        var asDictionary = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
        var asObject = JsonSerializer.Deserialize<object>(json);
        var wrapped = new { Holder = JsonSerializer.Deserialize<JsonElement>(json) };

        Assert.Equal(expected, Template.RenderTemplate(Config, asElement));
        Assert.Equal(expected, Template.RenderTemplate(Config, asDictionary));
        Assert.Equal(expected, Template.RenderTemplate(Config, asObject));
        Assert.Equal(Template.RenderTemplate("${Holder.Servers[0].Port + 1}", new { Holder = Original }),
            Template.RenderTemplate("${Holder.Servers[0].Port + 1}", wrapped));
    }

    [Fact]
    public void A_whole_object_from_json_renders_like_the_anonymous_object_it_came_from()
    {
        var original = new { o = new { a = 1, b = "x", c = 2.5 } };
        var json = JsonSerializer.Deserialize<JsonElement>(JsonSerializer.Serialize(original));
        Assert.Equal(original.o.ToString(), Template.RenderTemplate("${o}", original));
        Assert.Equal(original.o.ToString(), Template.RenderTemplate("${o}", json));
    }

    [Fact]
    public void A_json_model_that_is_not_an_object_is_refused()
    {
        var array = JsonSerializer.Deserialize<JsonElement>("[1, 2]");
        Assert.Throws<TemplateException>(() => Template.RenderTemplate("x", array));
    }

    [Fact]
    public void Null_model_renders_templates_that_need_no_names()
    {
        Assert.Equal("3", new Template("${1 + 2}").Render());
    }

    [Fact]
    public void Expando_and_read_only_dictionaries_work_as_models()
    {
        dynamic expando = new ExpandoObject();
        expando.name = "x";
        IReadOnlyDictionary<string, object?> readOnly = new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(
            new Dictionary<string, object?> { ["name"] = "y" });
        Assert.Equal("x", Template.RenderTemplate("${name}", (object)expando));
        Assert.Equal("y", Template.RenderTemplate("${name}", readOnly));
    }

    [Fact]
    public void Fields_and_structs_are_readable()
    {
        var model = new FieldModel { Count = 3, Point = new Pair(1, 2) };
        Assert.Equal("3 1,2", Template.RenderTemplate("${Count} ${Point.X},${Point.Y}", model));
    }

    [Fact]
    public void Model_values_are_read_once_per_render_and_renders_are_independent()
    {
        var template = new Template("% x += 1\n${x}");
        Assert.Equal("2", template.Render(new { x = 1 }));
        Assert.Equal("11", template.Render(new { x = 10 }));
    }

    [Fact]
    public async Task One_template_renders_concurrently()
    {
        var template = new Template("% for i in range(n)\n${i * n}\n% endfor");
        var results = await Task.WhenAll(Enumerable.Range(1, 32).Select(n => Task.Run(() => (n, text: template.Render(new { n })))));
        foreach (var (n, text) in results)
        {
            Assert.Equal(string.Join("\n", Enumerable.Range(0, n).Select(i => i * n)), text);
        }
    }

    private static Dictionary<string, object?> ToDictionary(Settings s) =>
        typeof(Settings).GetProperties().ToDictionary(p => p.Name, p => p.GetValue(s));

    public sealed record Server(string Host, int Port, bool Backup, double Weight, List<string> Tags);

    public sealed record Settings(
        string Name, int Id, bool Enabled, double Ratio, decimal Price, double Huge, double Tiny,
        Server[] Servers, Dictionary<string, object?> Options, List<int> Ports, string? Missing);

    public sealed class FieldModel
    {
        public int Count;
        public Pair Point;
    }

    public readonly record struct Pair(int X, int Y);
}
