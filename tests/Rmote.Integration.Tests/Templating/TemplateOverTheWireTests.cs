using System.Text.Json;

namespace Rmote.Integration.Tests.Templating;

/// <summary>Renders on the agent: only the template's source travels, and the model arrives as JSON.</summary>
[Tool]
public static class RemoteTemplates
{
    public static string Render(Template template, Dictionary<string, object?> model) => template.Render(model);

    public static string RenderElement(Template template, JsonElement model) => template.Render(model);

    public static string RenderConfig(ConfigRequest request) => request.Template.Render(request.Model);

    public static int ProcessId() => Environment.ProcessId;
}

public sealed record ConfigRequest(Template Template, Dictionary<string, object?> Model);

public sealed class TemplateOverTheWireTests : IAsyncLifetime
{
    private const string Source = """
        ## nginx upstreams, rendered on the agent
        upstream ${name} {
        % for server in servers:
            server ${server.host}:${server.port}${server.backup ? " backup" : ""};
        % endfor
        }
        %% weight ${weight * 2}
        """;

    private static readonly object LocalModel = new
    {
        name = "app",
        weight = 3,
        servers = new[] { new { host = "10.0.0.1", port = 8080, backup = false }, new { host = "10.0.0.2", port = 8081, backup = true } },
    };

    private RmoteConnection connection = null!;

    public async Task InitializeAsync() => connection = await RmoteConnection.StartLocalAsync();

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task A_template_argument_renders_on_the_agent_exactly_as_locally()
    {
        var template = new Template(Source);
        var model = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(LocalModel))!;

        var remote = await connection.CallAsync(() => RemoteTemplates.Render(template, model));

        Assert.NotEqual(Environment.ProcessId, await connection.CallAsync(() => RemoteTemplates.ProcessId()));
        Assert.Equal(template.Render(LocalModel), remote);
        Assert.Equal("""
            upstream app {
                server 10.0.0.1:8080;
                server 10.0.0.2:8081 backup;
            }
            % weight 6
            """, remote);
    }

    [Fact]
    public async Task Templates_nested_in_records_and_json_element_models_travel_too()
    {
        var template = new Template("${name}: ${len(servers)} servers");
        var model = JsonSerializer.SerializeToElement(LocalModel);
        var dictionary = JsonSerializer.Deserialize<Dictionary<string, object?>>(model.GetRawText())!;

        Assert.Equal("app: 2 servers", await connection.CallAsync(() => RemoteTemplates.RenderElement(template, model)));
        Assert.Equal("app: 2 servers", await connection.CallAsync(() => RemoteTemplates.RenderConfig(new ConfigRequest(template, dictionary))));
    }

    [Fact]
    public async Task A_render_error_on_the_agent_arrives_as_TemplateException()
    {
        var template = new Template("${missing.Name}");
        var failure = await Assert.ThrowsAsync<TemplateException>(() =>
            connection.CallAsync(() => RemoteTemplates.Render(template, new Dictionary<string, object?>())));
        Assert.Contains("missing", failure.Message);
    }
}
