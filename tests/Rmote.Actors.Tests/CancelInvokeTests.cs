using Rmote.Actors.Connection;
using Rmote.Actors.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Actors.Tests;

/// <summary>
/// <see cref="CancelInvoke"/> over real local agents: a running invoke is abandoned and its tool's token fires on the
/// agent, a queued one is never sent, another sender's cancel touches nothing, and <c>InvokeAsync</c>'s token does the same.
/// </summary>
public sealed class CancelInvokeTests : ConnectionTestKit
{
    [Fact]
    public void A_running_invoke_is_cancelled_on_the_agent_and_answered_with_OperationCanceledException()
    {
        var connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings()));
        var marker = Guid.NewGuid().ToString("N");
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None)), 5));
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.HasStartedAsync(marker, 20_000)), 6));
        Assert.Equal((6L, true), Answer(ExpectMsg<InvokeResult>(Agent)));

        // Another sender's cancel of "its" invoke 5 is not ours: nothing happens.
        connection.Tell(new CancelInvoke(5), CreateTestProbe().Ref);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        connection.Tell(new CancelInvoke(5), TestActor);
        var failure = ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(10));
        Assert.Equal(5L, failure.State);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.Cause);
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.WasCancelledAsync(marker, 20_000)), 7));
        Assert.Equal((7L, true), Answer(ExpectMsg<InvokeResult>(Agent)));

        connection.Tell(new CancelInvoke(5), TestActor);   // answered already: exactly once
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_queued_invoke_is_cancelled_before_anything_is_sent()
    {
        var gate = new TaskCompletionSource();
        var connection = Sys.ActorOf(ConnectionActor.Props(Local().ThenWaitFor(gate.Task), Settings()));
        var marker = Guid.NewGuid().ToString("N");
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None)), 1));

        connection.Tell(new CancelInvoke(1), TestActor);
        var failure = ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(10));   // while still connecting
        Assert.Equal(1L, failure.State);
        Assert.Contains("nothing was sent", Assert.IsAssignableFrom<OperationCanceledException>(failure.Cause).Message);

        gate.SetResult();
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.HasStartedAsync(marker, 500)), 2));
        Assert.Equal((2L, false), Answer(ExpectMsg<InvokeResult>(Agent)));   // the cancelled call never reached the agent
    }

    [Fact]
    public async Task InvokeAsync_with_a_cancelled_token_cancels_the_tool_on_the_agent()
    {
        var connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings()));
        var marker = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource();
        var call = connection.InvokeAsync(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None), cancellationToken: cancel.Token);
        Assert.True(await connection.InvokeAsync(() => ResilienceTools.HasStartedAsync(marker, 20_000)));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await connection.InvokeAsync(() => ResilienceTools.WasCancelledAsync(marker, 20_000)));
    }

    private static (long, bool) Answer(InvokeResult result) => (result.CorrelationId, Assert.IsType<bool>(result.Value));
}
