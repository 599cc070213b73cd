using System.Text.Json;

namespace Rmote.Protocol.Tests.Templating;

/// <summary>A Template travels as a JSON string holding its source (the form a tool-call argument takes).</summary>
public class SerializationTests
{
    [Fact]
    public void Round_trips_through_System_Text_Json_and_renders()
    {
        var original = new Template("% for h in hosts\nserver ${h} # \"quoted\"\n% endfor");

        var json = JsonSerializer.Serialize(original);
        var copy = JsonSerializer.Deserialize<Template>(json)!;

        Assert.Equal(JsonSerializer.Serialize(original.Source), json);
        Assert.Equal(original.Source, copy.Source);
        Assert.Equal("server a # \"quoted\"\nserver b # \"quoted\"", copy.Render(new { hosts = new[] { "a", "b" } }));
    }

    [Fact]
    public void Round_trips_as_a_member_of_an_argument_record_together_with_a_json_model()
    {
        var call = new RenderCall(new Template("${name}:${port}"), new Dictionary<string, object?> { ["name"] = "db", ["port"] = 5432 });

        var copy = JsonSerializer.Deserialize<RenderCall>(JsonSerializer.Serialize(call))!;

        Assert.Equal("db:5432", copy.Template.Render(copy.Model));
        Assert.Null(JsonSerializer.Deserialize<RenderCall>("""{"Template":null,"Model":{}}""")!.Template);
    }

    [Theory]
    [InlineData("""{"source":"x"}""")]
    [InlineData("42")]
    public void Anything_but_a_string_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Template>(json));
    }

    [Fact]
    public void A_source_with_a_syntax_error_fails_on_deserialization()
    {
        Assert.Throws<TemplateException>(() => JsonSerializer.Deserialize<Template>("\"% endfor\""));
    }

    public sealed record RenderCall(Template Template, Dictionary<string, object?> Model);
}
