using Rmote.Actors.Connection;
using Rmote.Actors.Tests.Support;
using Rmote.TestTools;
using Failures = Rmote.TestTools.Failures;

namespace Rmote.Actors.Tests;

/// <summary>The Invoke message contract against a real local agent (one per test class).</summary>
public sealed class InvokeTests : ConnectionTestKit
{
    private readonly IActorRef connection;

    public InvokeTests() => connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings(new RmoteOptions { MaxCallsInFlight = 8 })), "agent");

    [Fact]
    public void Correlation_ids_come_back_on_success_and_on_failure_with_the_remote_exception_type()
    {
        Send(connection, new Invoke(ToolCall.Create(() => Calc.Echo("hi")), 41));
        Send(connection, new Invoke(ToolCall.Create(() => Failures.MissingFile("/tmp/rmote-no-such-file")), 42));

        var replies = new[] { ExpectMsg<object>(Agent), ExpectMsg<object>(Agent) };
        var result = Assert.Single(replies.OfType<InvokeResult>());
        Assert.Equal((41L, "hi"), (result.CorrelationId, (string)result.Value!));
        var failure = Assert.Single(replies.OfType<Status.Failure>());
        Assert.Equal(42L, Assert.IsType<long>(failure.State));
        Assert.True(failure.Cause is FileNotFoundException, $"got {failure.Cause}");
    }

    [Fact]
    public void Ten_thousand_invokes_told_by_one_actor_all_answer_each_with_its_own_value()
    {
        const int count = 10_000;
        for (var i = 0; i < count; i++) Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(i, 1)), i));

        var replies = ReceiveN(count, TimeSpan.FromMinutes(2)).Cast<InvokeResult>().ToList();
        Assert.All(replies, r => Assert.Equal((int)r.CorrelationId + 1, Assert.IsType<int>(r.Value)));
        Assert.Equal(count, replies.Select(r => r.CorrelationId).Distinct().Count());
    }

    [Fact]
    public void Invokes_beyond_MaxCallsInFlight_wait_their_turn()
    {
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.TakePeakConcurrency()), -1));
        ExpectMsg<InvokeResult>(Agent);
        for (var i = 0; i < 40; i++) Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.OccupyAsync(50)), i));
        ReceiveN(40, Agent);

        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.TakePeakConcurrency()), -2));
        var peak = Assert.IsType<int>(ExpectMsg<InvokeResult>(Agent).Value);
        Assert.InRange(peak, 2, 8);
    }

    [Fact]
    public void A_per_invoke_timeout_fails_with_TimeoutException_and_cancels_the_tool()
    {
        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(0, 0))));   // synced first: the timeout is the call's
        ExpectMsg<InvokeResult>(Agent);
        var marker = Guid.NewGuid().ToString("N");
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None)), 51, TimeSpan.FromMilliseconds(300)));

        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Equal(51L, failure.State);
        Assert.IsType<TimeoutException>(failure.Cause);
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.WasCancelledAsync(marker, 20_000)), 52));
        Assert.Equal(true, ExpectMsg<InvokeResult>(Agent).Value);
    }

    [Fact]
    public void A_timeout_that_is_not_positive_is_refused_at_once()
    {
        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(1, 1)), 61, TimeSpan.Zero));
        Assert.IsType<ArgumentOutOfRangeException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public async Task Ask_faults_with_the_original_exception_type_and_InvokeResult_keeps_the_declared_type()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => connection.Ask<InvokeResult>(new Invoke(ToolCall.Create(() => Failures.MissingFile("/none"))), Agent));
        var sum = await connection.Ask<InvokeResult>(new Invoke(ToolCall.Create(() => Calc.Add(20, 22))), Agent);
        Assert.IsType<int>(sum.Value);
        var nothing = await connection.Ask<InvokeResult>(new Invoke(ToolCall.Create(() => ResilienceTools.BlockVoid("x-" + Guid.NewGuid())), Timeout: TimeSpan.FromMilliseconds(100)), Agent)
            .ContinueWith(t => t.Exception?.GetBaseException());
        Assert.IsType<TimeoutException>(nothing);
    }

    [Fact]
    public async Task InvokeAsync_returns_typed_results_and_throws_TimeoutException_not_AskTimeoutException()
    {
        Assert.Equal(5, await connection.InvokeAsync(() => Calc.Add(2, 3)));
        Assert.InRange(await connection.InvokeAsync(() => ResilienceTools.OccupyAsync(10)), 1, 8);
        await connection.InvokeAsync(() => ResilienceTools.WaitVoidAsync("y-" + Guid.NewGuid(), CancellationToken.None), TimeSpan.FromMilliseconds(100))
            .ContinueWith(t => Assert.IsType<TimeoutException>(t.Exception?.GetBaseException()));
    }

    [Fact]
    public async Task InvokeAsync_on_a_stopped_connection_fails_instead_of_waiting_for_ever()
    {
        var stopped = Sys.ActorOf(ConnectionActor.Props(Local(), Settings()), "short-lived");
        Watch(stopped);
        Sys.Stop(stopped);
        ExpectTerminated(stopped, Agent);

        var failure = await Assert.ThrowsAsync<ConnectionLostException>(() => stopped.InvokeAsync(() => Calc.Add(1, 1)).WaitAsync(Agent));
        Assert.Contains("stopped", failure.Message, StringComparison.Ordinal);
    }
}
