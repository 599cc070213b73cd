namespace Rmote.Protocol.Tests.Templating;

/// <summary>The sandbox boundary: no reflection, no delegates, no static calls — only public instance members of values.</summary>
public class SandboxTests
{
    [Theory]
    [InlineData("${s.GetType()}")]
    [InlineData("${s.GetType().Assembly}")]
    [InlineData("${type.Assembly}")]
    [InlineData("${type.Name}")]
    [InlineData("${type.GetMethods()}")]
    [InlineData("${boxed.Assembly.Location}")]
    [InlineData("${action.Invoke()}")]
    [InlineData("${action.Method}")]
    [InlineData("${func.DynamicInvoke()}")]
    [InlineData("${holder.Callback}")]
    [InlineData("${holder.Meta}")]
    [InlineData("${holder.Describe(type)}")]
    [InlineData("${holder.Loose}")]
    [InlineData("${holder.Handle}")]
    public void Reflection_and_delegates_are_refused(string source)
    {
        var model = new
        {
            s = "x",
            type = typeof(string),
            boxed = (object)typeof(string),
            action = (Action)(() => { }),
            func = (Func<int>)(() => 1),
            holder = new Holder(),
        };
        var error = Assert.Throws<TemplateException>(() => Template.RenderTemplate(source, model));
        Assert.Contains("not allowed", error.Message);
    }

    [Theory]
    [InlineData("${System.Environment.Exit(1)}")]
    [InlineData("${Environment.MachineName}")]
    [InlineData("${string.Join(\",\", s)}")]
    public void There_are_no_static_members_or_type_names(string source)
    {
        Assert.Throws<TemplateException>(() => Template.RenderTemplate(source, new { s = "x" }));
    }

    [Theory]
    [InlineData("${h.secret}", "has no public member or key 'secret'")]
    [InlineData("${h.Shared}", "has no public member or key 'Shared'")]
    [InlineData("${h.Hidden()}", "has no public method 'Hidden'")]
    public void Private_and_static_members_of_the_model_are_invisible(string source, string reason)
    {
        var error = Assert.Throws<TemplateException>(() => Template.RenderTemplate(source, new { h = new Holder() }));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Harmless_members_of_the_same_objects_still_work()
    {
        Assert.Equal("True 1 ok", Template.RenderTemplate("${h.Equals(h)} ${\"x\".GetHashCode() == \"x\".GetHashCode() ? 1 : 0} ${h.Name}", new { h = new Holder() }));
    }

    public sealed class Holder
    {
        public static string Shared => "static";

        public string Name => "ok";

        public Action Callback => () => { };

        public System.Reflection.MethodInfo Meta => typeof(Holder).GetMethod(nameof(Describe))!;

        public object Loose => typeof(Holder);

        public IntPtr Handle => IntPtr.Zero;

        private string secret => "hidden";

        public string Describe(Type type) => type.FullName!;

        private string Hidden() => secret;
    }
}
