using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Tests;

/// <summary>The public data of exception types (ours and tool authors') survives the trip, not just the message.</summary>
public sealed class ExceptionPropertiesTests
{
    [Fact]
    public void A_TemplateException_keeps_line_column_text_and_its_message()
    {
        var local = Assert.IsType<TemplateException>(ExceptionRoundTrip.Thrown(() => Template.RenderTemplate("port: 1\nport: ${server.Prot}", new { server = new { Port = 1 } })));

        var rebuilt = Assert.IsType<TemplateException>(ExceptionRoundTrip.Transport(local));

        Assert.Equal((2, 16, "Prot"), (local.Line, local.Column, local.Text));
        Assert.Equal((local.Line, local.Column, local.Text, local.Message), (rebuilt.Line, rebuilt.Column, rebuilt.Text, rebuilt.Message));
    }

    [Fact]
    public void RemoteProcessException_keeps_a_null_stderr_null_and_its_message_as_it_was()
    {
        var original = new RemoteProcessException(127, "nope --help", null);

        var rebuilt = Assert.IsType<RemoteProcessException>(ExceptionRoundTrip.Transport(original));

        Assert.Equal((127, "nope --help", (string?)null, original.Message), (rebuilt.ExitCode, rebuilt.Command, rebuilt.StandardError, rebuilt.Message));
    }

    [Fact]
    public void A_tool_authors_exception_keeps_every_simple_property_with_an_init_or_set_accessor()
    {
        var original = new QuotaException("over quota")
        {
            User = "ann", Limit = 1_000_000_000_000, Ratio = 0.1, Kind = QuotaKind.Disk | QuotaKind.Inodes, Grace = TimeSpan.FromMinutes(90),
            Ticket = Guid.NewGuid(), Retry = null, Strict = true, Mark = 'q',
        };

        var rebuilt = Assert.IsType<QuotaException>(ExceptionRoundTrip.Transport(original));

        Assert.Equal(
            (original.User, original.Limit, original.Ratio, original.Kind, original.Grace, original.Ticket, original.Retry, original.Strict, original.Mark),
            (rebuilt.User, rebuilt.Limit, rebuilt.Ratio, rebuilt.Kind, rebuilt.Grace, rebuilt.Ticket, rebuilt.Retry, rebuilt.Strict, rebuilt.Mark));
        Assert.Equal("over quota", rebuilt.Message);
    }

    [Fact]
    public void Properties_that_are_not_simple_or_whose_getter_throws_are_left_out_and_the_rest_still_travels()
    {
        var payload = ExceptionPayload.Capture(new Awkward("x") { Name = "kept" });

        Assert.Equal(new Dictionary<string, string?> { ["Name"] = "kept" }, payload.Properties);
        Assert.Equal("kept", Assert.IsType<Awkward>(payload.ToException()).Name);
    }

    [Fact]
    public void A_value_a_setter_refuses_or_that_does_not_parse_does_not_lose_the_exception()
    {
        var payload = ExceptionPayload.Capture(new QuotaException("q") { User = "ann" });
        var tampered = payload with { Properties = new() { ["User"] = "root", ["Limit"] = "many", ["Kind"] = "Nonsense" } };

        var rebuilt = Assert.IsType<QuotaException>(tampered.ToException());

        Assert.Equal(("q", "", 0L, QuotaKind.None), (rebuilt.Message, rebuilt.User, rebuilt.Limit, rebuilt.Kind));
    }

    [Fact]
    public void An_unknown_type_keeps_its_properties_in_RemoteProperties_and_passes_them_on()
    {
        var payload = ExceptionPayload.Capture(new QuotaException("q") { User = "ann", Limit = 5 }) with { TypeName = "Elsewhere.QuotaException", AssemblyName = "Elsewhere" };

        var remote = Assert.IsType<RemoteException>(payload.ToException());
        var forwarded = Assert.IsType<RemoteException>(ExceptionRoundTrip.Transport(remote));

        Assert.Equal("ann", remote.RemoteProperties["User"]);
        Assert.Equal("5", remote.RemoteProperties["Limit"]);
        Assert.Equal(remote.RemoteProperties, forwarded.RemoteProperties);
        Assert.Equal("Elsewhere.QuotaException", forwarded.RemoteTypeName);
    }

    [Flags]
    public enum QuotaKind
    {
        None = 0,
        Disk = 1,
        Inodes = 2,
    }

    public sealed class QuotaException : Exception
    {
        private readonly string user = "";

        public QuotaException(string message) : base(message) { }

        public QuotaException(string message, Exception? innerException) : base(message, innerException) { }

        // A setter that validates: "root" is refused (on rebuild too).
        public string User
        {
            get => user;
            init => user = value == "root" ? throw new ArgumentException("not root", nameof(value)) : value;
        }

        public long Limit { get; init; }

        public double Ratio { get; set; }

        public QuotaKind Kind { get; init; }

        public TimeSpan Grace { get; init; }

        public Guid Ticket { get; init; }

        public int? Retry { get; init; } = 3;

        public bool Strict { get; init; }

        public char Mark { get; init; }
    }

    public sealed class Awkward(string message) : Exception(message)
    {
        public string Name { get; init; } = "";

        public object Payload { get; init; } = new();

        public int Explodes => throw new InvalidOperationException("getter");
    }
}
