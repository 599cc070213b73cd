using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// Remote exceptions: rebuilt with their type when the host has it, RemoteException otherwise; never a hang.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task A_missing_file_arrives_as_FileNotFoundException_with_the_remote_stack_trace()
    {
        var connection = await SharedAsync();
        var path = "/tmp/rmote-missing-" + Guid.NewGuid().ToString("N");   // in a directory that exists on every target

        var failure = await Assert.ThrowsAsync<FileNotFoundException>(() => connection.CallAsync(() => HostScenarios.ReadFile(path)));

        Assert.Contains(path, failure.Message, StringComparison.Ordinal);
        Assert.Equal(path, failure.FileName);
        // The remote frames: the tool and the BCL call that threw on the agent.
        Assert.Contains("Rmote.TestTools.HostScenarios.ReadFile", failure.StackTrace, StringComparison.Ordinal);
        Assert.Contains("System.IO.File.ReadAllText", failure.StackTrace, StringComparison.Ordinal);
        Assert.Contains("Rmote.TestTools.HostScenarios.ReadFile", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_exception_the_host_knows_is_rebuilt_with_message_inner_and_data()
    {
        var connection = await SharedAsync();

        var failure = await Assert.ThrowsAsync<QuotaExceededException>(() => connection.CallAsync(() => Failures.Custom("disk full")));

        Assert.Equal("disk full", failure.Message);
        var inner = Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Equal("inner cause", inner.Message);
        Assert.Equal("10", failure.Data["quota"]);
        Assert.Equal("alice", failure.Data["user"]);
        Assert.Contains("Rmote.TestTools.Failures.Custom", failure.StackTrace, StringComparison.Ordinal);

        var async = await Assert.ThrowsAsync<QuotaExceededException>(() => connection.CallAsync(() => Failures.CustomAsync("async")));
        Assert.Equal("async", async.Message);

        var aggregate = await Assert.ThrowsAsync<AggregateException>(() => connection.CallAsync(() => Failures.Aggregate()));
        Assert.Collection(aggregate.InnerExceptions,
            first => Assert.Equal("first", Assert.IsType<ArgumentException>(first).Message),
            second => Assert.Equal("second", Assert.IsType<FormatException>(second).Message));
    }

    [Theory]
    [InlineData("ArgumentNull")]
    [InlineData("ArgumentOutOfRange")]
    [InlineData("ObjectDisposed")]
    [InlineData("KeyNotFound")]
    [InlineData("InvalidOperation")]
    [InlineData("UnauthorizedAccess")]
    [InlineData("NotSupported")]
    [InlineData("Format")]
    [InlineData("Argument")]
    public async Task Common_exceptions_arrive_with_their_type_and_exact_message(string kind)
    {
        var connection = await SharedAsync();
        var expected = HostScenarios.CommonException(kind);   // the same exception, built here

        var failure = await Record.ExceptionAsync(() => connection.CallAsync(() => HostScenarios.Throw(kind)));

        Assert.NotNull(failure);
        Assert.Equal(expected.GetType(), failure.GetType());
        Assert.Equal(expected.Message, failure.Message);
    }

    [Fact]
    public async Task An_exception_type_only_the_agent_has_arrives_as_RemoteException()
    {
        var connection = await SharedAsync();

        var failure = await Assert.ThrowsAsync<RemoteException>(() => connection.CallAsync(() => HostScenarios.ThrowAgentOnly("only there")));

        Assert.Equal("Rmote.AgentOnly.AgentOnlyException", failure.RemoteTypeName);
        Assert.Equal("only there", failure.Message);
        Assert.Contains("Rmote.TestTools.HostScenarios.ThrowAgentOnly", failure.RemoteStackTrace, StringComparison.Ordinal);
        Assert.Contains("Rmote.TestTools.HostScenarios.ThrowAgentOnly", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Rmote.AgentOnly.Dynamic");
    }

    [Fact]
    public async Task An_exception_or_result_that_cannot_be_serialized_still_answers()
    {
        var connection = await SharedAsync();

        var hostile = await Assert.ThrowsAnyAsync<Exception>(() =>
            connection.CallAsync(() => Failures.Unserializable()).Within(Bounds.Generous, "A call throwing an unserializable exception"));
        Assert.Contains("HostileException", hostile is RemoteException remote ? remote.RemoteTypeName : hostile.GetType().FullName);

        var result = await Assert.ThrowsAnyAsync<Exception>(() =>
            connection.CallAsync(() => Failures.UnserializableResult()).Within(Bounds.Generous, "A call with an unserializable result"));
        Assert.Contains("cannot read Value", result.ToString(), StringComparison.Ordinal);

        Assert.Equal(5, await connection.CallAsync(() => Calc.Add(2, 3)));
    }

    [Fact]
    public async Task Calling_a_class_that_is_not_a_tool_fails_on_the_host_before_anything_is_sent()
    {
        var connection = await FreshAsync();

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => connection.CallAsync(() => NotATool.Secret()));
        Assert.Contains("NotATool", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[Tool]", failure.Message, StringComparison.Ordinal);

        var notACall = await Assert.ThrowsAsync<ArgumentException>(() => connection.CallAsync(() => 1 + 2));
        Assert.Contains("static tool method", notACall.Message, StringComparison.Ordinal);

        // Nothing went to the agent: not even the assembly.
        Assert.Equal(0, connection.SyncCount);
    }

    [Fact]
    public async Task Remote_exceptions_are_fast_and_leave_the_connection_usable()
    {
        var connection = await SharedAsync();
        var clock = Stopwatch.StartNew();

        var failures = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Assert.ThrowsAsync<QuotaExceededException>(() => connection.CallAsync(() => Failures.Custom($"n{i}")))));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"n{i}"), failures.Select(f => f.Message));
        Output.WriteLine($"200 concurrent failing calls: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(5, await connection.CallAsync(() => Calc.Add(2, 3)));
    }
}
