using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Tests;

public sealed class ExceptionTransportTests
{
    private static Exception Transport(Exception exception) => ExceptionRoundTrip.Transport(exception);

    private static Exception Thrown(Action action) => ExceptionRoundTrip.Thrown(action);

    [Fact]
    public void A_known_exception_type_is_rebuilt_with_message_stack_data_and_inner()
    {
        var original = Thrown(() => throw new InvalidOperationException("outer", new FormatException("inner")) { Data = { ["k"] = 1 } });
        var rebuilt = Transport(original);

        var typed = Assert.IsType<InvalidOperationException>(rebuilt);
        Assert.Equal("outer", typed.Message);
        Assert.Equal("1", typed.Data["k"]);
        Assert.IsType<FormatException>(typed.InnerException);
        Assert.Equal("inner", typed.InnerException.Message);
        Assert.Contains(nameof(Thrown), typed.StackTrace, StringComparison.Ordinal);
        Assert.Equal(original.HResult, typed.HResult);
    }

    [Fact]
    public void FileNotFoundException_keeps_its_file_name()
    {
        var rebuilt = Assert.IsType<FileNotFoundException>(Transport(new FileNotFoundException("gone", "/etc/nothing")));
        Assert.Equal("/etc/nothing", rebuilt.FileName);
        Assert.Equal("gone", rebuilt.Message);
    }

    [Fact]
    public void RemoteProcessException_keeps_exit_code_command_and_stderr()
    {
        var rebuilt = Assert.IsType<RemoteProcessException>(Transport(new RemoteProcessException(3, "false", "err")));
        Assert.Equal((3, "false", "err"), (rebuilt.ExitCode, rebuilt.Command, rebuilt.StandardError));
    }

    [Fact]
    public void An_unknown_type_becomes_RemoteException_with_the_remote_type_and_stack()
    {
        var payload = ExceptionPayload.Capture(Thrown(() => throw new InvalidOperationException("boom"))) with { TypeName = "Elsewhere.QuotaException", AssemblyName = "Elsewhere" };
        var rebuilt = Assert.IsType<RemoteException>(payload.ToException());
        Assert.Equal(("Elsewhere.QuotaException", "boom"), (rebuilt.RemoteTypeName, rebuilt.Message));
        Assert.Contains(nameof(Thrown), rebuilt.RemoteStackTrace, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), rebuilt.StackTrace, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.Text.StringBuilder")]
    [InlineData("System.IO.FileStream")]
    [InlineData("Rmote.Protocol.Tests.ExceptionTransportTests+Tripwire")]
    public void A_type_that_is_not_an_exception_is_never_instantiated(string typeName)
    {
        Tripwire.Constructed = false;
        var payload = new ExceptionPayload(typeName, null, "/tmp/x", null, 0, null, null, null);
        Assert.IsType<RemoteException>(payload.ToException());
        Assert.False(Tripwire.Constructed);
    }

    [Fact]
    public void An_exception_without_a_message_constructor_becomes_RemoteException()
    {
        var rebuilt = Assert.IsType<RemoteException>(Transport(new NoMessageConstructor()));
        Assert.Equal(typeof(NoMessageConstructor).FullName, rebuilt.RemoteTypeName);
    }

    [Fact]
    public void An_aggregate_keeps_all_inner_exceptions()
    {
        var rebuilt = Assert.IsType<AggregateException>(Transport(new AggregateException(new IOException("a"), new TimeoutException("b"))));
        Assert.Collection(rebuilt.InnerExceptions, e => Assert.IsType<IOException>(e), e => Assert.IsType<TimeoutException>(e));
    }

    [Fact]
    public void Capturing_an_exception_whose_getters_throw_still_yields_a_payload()
    {
        var payload = ExceptionPayload.Capture(new Hostile());
        Assert.Equal(typeof(Hostile).FullName, payload.TypeName);
        Assert.Contains("unavailable", payload.Message, StringComparison.Ordinal);
        Assert.Contains("unavailable", payload.Data!["key"], StringComparison.Ordinal);
        var frame = ProtocolMessages.Failure(FrameFlags.Rpc, 4, new Hostile());
        Assert.Equal(FrameFlags.Response | FrameFlags.Rpc | FrameFlags.Exception, frame.Flags);
        Assert.Equal(payload.TypeName, ProtocolMessages.ReadException(frame).TypeName);
    }

    [Fact]
    public void A_very_deep_inner_chain_is_cut()
    {
        Exception chain = new InvalidOperationException("0");
        for (var i = 1; i < 1000; i++)
        {
            chain = new InvalidOperationException(i.ToString(System.Globalization.CultureInfo.InvariantCulture), chain);
        }

        var depth = 0;
        for (var e = Transport(chain); e is not null; e = e.InnerException)
        {
            depth++;
        }

        Assert.InRange(depth, 2, 32);
    }

    [Fact]
    public void A_garbage_exception_payload_is_a_protocol_error()
    {
        Assert.Throws<ProtocolException>(() => ProtocolMessages.ReadException(new Frame(FrameFlags.Response | FrameFlags.Exception, 1, "{nope"u8.ToArray())));
    }

    public sealed class Tripwire
    {
        public Tripwire(string message) => Constructed = message.Length >= 0;

        public static bool Constructed { get; set; }
    }

    public sealed class NoMessageConstructor : Exception;

    private sealed class Hostile : Exception
    {
        public Hostile() => Data["key"] = new ThrowingToString();

        public override string Message => throw new InvalidOperationException();

        public override string? StackTrace => throw new InvalidOperationException();

        private sealed class ThrowingToString
        {
            public override string ToString() => throw new InvalidOperationException();
        }
    }
}
