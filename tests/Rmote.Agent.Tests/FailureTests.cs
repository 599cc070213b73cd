using Rmote.Agent.Tests.Client;
using Rmote.Protocol.Tools;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

public sealed class FailureTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private AgentProcess Agent => fixture.Agent;

    [Fact]
    public async Task A_remote_FileNotFoundException_arrives_as_FileNotFoundException_with_its_file_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rmote-missing-{Guid.NewGuid():N}");
        var failure = await Assert.ThrowsAsync<FileNotFoundException>(() => Agent.CallAsync(() => Failures.MissingFile(path)));
        Assert.Equal(path, failure.FileName);
        Assert.Contains("File.ReadAllText", failure.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_message_stack_inner_and_data_travel_back()
    {
        var failure = await Assert.ThrowsAsync<QuotaExceededException>(() => Agent.CallAsync(() => Failures.Custom("over quota")));
        Assert.Equal("over quota", failure.Message);
        Assert.Contains("Failures.Custom", failure.StackTrace, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Equal("inner cause", failure.InnerException.Message);
        Assert.Equal("10", failure.Data["quota"]);
        Assert.Equal("alice", failure.Data["user"]);
    }

    [Fact]
    public async Task An_async_tool_failure_travels_back_too()
    {
        var failure = await Assert.ThrowsAsync<QuotaExceededException>(() => Agent.CallAsync(() => Failures.CustomAsync("async")));
        Assert.Equal("async", failure.Message);
    }

    [Fact]
    public async Task An_aggregate_keeps_all_inner_exceptions()
    {
        var failure = await Assert.ThrowsAsync<AggregateException>(() => Agent.CallAsync(() => Failures.Aggregate()));
        Assert.Collection(failure.InnerExceptions, e => Assert.IsType<ArgumentException>(e), e => Assert.IsType<FormatException>(e));
    }

    [Fact]
    public async Task An_exception_that_resists_capture_still_produces_a_reply()
    {
        // HostileException has no (string) constructor, so it cannot be rebuilt: it arrives as RemoteException.
        var failure = await Assert.ThrowsAsync<RemoteException>(() => Agent.CallAsync(() => Failures.Unserializable()));
        Assert.Equal(typeof(HostileException).FullName, failure.RemoteTypeName);
        Assert.Contains("unavailable", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Data.Contains("evil"));
    }

    [Fact]
    public async Task A_result_that_cannot_be_serialized_fails_that_call_only()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Agent.CallAsync(() => Failures.UnserializableResult()));
        Assert.Equal(2, await Agent.CallAsync(() => Calc.Add(1, 1)));
    }

    [Fact]
    public async Task An_unknown_method_is_a_clear_error_naming_what_is_missing()
    {
        var method = ToolMethod.For(typeof(Calc).GetMethod(nameof(Calc.Add))!);
        await Agent.EnsureSyncedAsync(typeof(Calc).Assembly);
        var request = method.EncodeArguments([1, 2]);
        var forged = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(request).Replace("Add(", "Subtract(", StringComparison.Ordinal));
        var reply = await Agent.SendAsync(id => new Protocol.Framing.Frame(Protocol.Framing.FrameFlags.Request | Protocol.Framing.FrameFlags.Rpc, id, forged));

        var failure = Assert.Throws<MissingMethodException>(() => method.DecodeResult(reply));
        Assert.Contains("Rmote.TestTools.Calc|Subtract(System.Int32, System.Int32)", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rmote.TestTools|Rmote.TestTools.NotATool|Secret()", "is not a tool")]
    [InlineData("Rmote.TestTools|Rmote.TestTools.Nope|Secret()", "'Rmote.TestTools.Nope' was not found")]
    [InlineData("Never.Synced|Never.Synced.Tool|Run()", "'Never.Synced' has not been synced")]
    public async Task Calls_outside_synced_tools_are_refused(string key, string expected)
    {
        await Agent.EnsureSyncedAsync(typeof(Calc).Assembly);
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new[] { key });
        var reply = await Agent.SendAsync(id => new Protocol.Framing.Frame(Protocol.Framing.FrameFlags.Request | Protocol.Framing.FrameFlags.Rpc, id, payload));

        Assert.True(reply.IsException);
        var failure = Protocol.Messages.ProtocolMessages.ReadException(reply).ToException();
        Assert.IsType<MissingMethodException>(failure);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
