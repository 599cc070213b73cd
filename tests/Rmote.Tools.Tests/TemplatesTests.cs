using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class TemplatesTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    // The empty last line gives the output a final line break.
    private static readonly Template Config = new("# ${Name}\n% for port in Ports\nlisten ${port}\n% endfor\n\n");

    private readonly TempDirectory temp = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Render_renders_on_the_agent_with_a_model_that_travelled_as_json()
    {
        var model = new { Name = "web", Ports = new[] { 80, 443 } };

        var text = await Connection.CallAsync(() => Templates.Render(Config, model));

        Assert.Equal("# web\nlisten 80\nlisten 443\n", text);
        Assert.Equal(Config.Render(model), text);
    }

    [Fact]
    public async Task RenderFile_reads_the_template_on_the_target()
    {
        var path = temp.Write("motd.tmpl", "Welcome to ${host.ToUpper()}");

        Assert.Equal("Welcome to DB1", await Connection.CallAsync(() => Templates.RenderFile(path, new { host = "db1" })));
    }

    [Fact]
    public async Task RenderToFile_writes_only_when_the_output_changes_and_returns_the_diff()
    {
        var path = temp["nginx.conf"];
        const UnixFileMode Mode640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

        var created = await Connection.CallAsync(() => Templates.RenderToFile(Config, new { Name = "web", Ports = new[] { 80 } }, path, Mode640));
        var before = FileIdentity.Of(path);
        var unchanged = await Connection.CallAsync(() => Templates.RenderToFile(Config, new { Name = "web", Ports = new[] { 80 } }, path, Mode640));
        var same = FileIdentity.Of(path);
        var updated = await Connection.CallAsync(() => Templates.RenderToFile(Config, new { Name = "web", Ports = new[] { 80, 443 } }, path, null));

        Assert.Equal(new FileDiff(path, true, $"--- {path}\n+++ {path}\n@@ -0,0 +1,2 @@\n+# web\n+listen 80\n"), created);
        Assert.Equal(new FileDiff(path, false, ""), unchanged);
        Assert.Equal(before, same);
        Assert.Equal(new FileDiff(path, true, $"--- {path}\n+++ {path}\n@@ -1,2 +1,3 @@\n # web\n listen 80\n+listen 443\n"), updated);
        Assert.Equal("640", FileIdentity.Of(path).Mode);
    }

    [Fact]
    public async Task A_render_error_arrives_as_TemplateException_and_leaves_the_file_alone()
    {
        var path = temp.Write("out.conf", "keep\n");

        var error = await Assert.ThrowsAsync<TemplateException>(() => Connection.CallAsync(() => Templates.RenderToFile(new Template("${missing}"), null, path, null)));

        Assert.Contains("missing", error.Message);
        Assert.Equal("keep\n", await File.ReadAllTextAsync(path));
    }
}
