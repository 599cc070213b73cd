using System.Diagnostics;
using Rmote.Actors.Connection;
using Rmote.Actors.Tests.Support;
using Rmote.TestTools.Streaming;

namespace Rmote.Actors.Tests;

/// <summary>
/// The message form of streaming (InvokeStream → StreamItem … StreamCompleted, paced by StreamDemand) against a real
/// local agent: order, demand as the only pace (the tool on the agent waits too), cancellation by message and by the
/// requester stopping (the tool's token fires, its finally runs), a failure mid-stream with its own type after the
/// items before it, and the agent dying mid-stream.
/// </summary>
public sealed class InvokeStreamTests : ConnectionTestKit
{
    private readonly LinkHolder holder = new();
    private readonly IActorRef connection;

    public InvokeStreamTests() => connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings(), holder), "agent");

    [Fact]
    public void Items_arrive_in_order_under_demand_then_StreamCompleted()
    {
        const int window = 16;
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Count(500, default)), 7, window), TestActor);

        var values = new List<int>();
        while (values.Count < 500)
        {
            var item = ExpectMsg<StreamItem>(Agent);
            Assert.Equal(7L, item.CorrelationId);
            Assert.Equal(connection, LastSender);
            values.Add(Assert.IsType<int>(item.Value));
            if (values.Count % (window / 2) == 0) connection.Tell(new StreamDemand(7, window / 2), TestActor);
        }
        Assert.Equal(Enumerable.Range(0, 500), values);
        Assert.Equal(7L, ExpectMsg<StreamCompleted>(Agent).CorrelationId);
    }

    [Fact]
    public void No_more_items_arrive_than_were_asked_for_and_the_tool_waits_for_demand()
    {
        const int window = 4;
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Chunks(1024, 1_000_000, default)), 8, window), TestActor);
        for (var i = 0; i < window; i++) Assert.Equal((byte)i, ((byte[])ExpectMsg<StreamItem>(Agent).Value!)[0]);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));   // the window is used up: nothing more comes, however long we wait

        // The tool made no more than the requester took plus the link's window: it waits inside its own yield.
        connection.Tell(new Invoke(ToolCall.Create(() => StreamTools.Produced()), 80), TestActor);
        Assert.InRange(Assert.IsType<long>(ExpectMsg<InvokeResult>(Agent).Value), window, 2 * window);

        connection.Tell(new StreamDemand(8, 3), TestActor);
        for (var i = window; i < window + 3; i++) Assert.Equal((byte)i, ((byte[])ExpectMsg<StreamItem>(Agent).Value!)[0]);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        connection.Tell(new CancelStream(8), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));   // cancelled: no end, no failure
    }

    [Fact]
    public void CancelStream_fires_the_tools_token_and_runs_its_finally()
    {
        var marker = Guid.NewGuid().ToString("N");
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Forever(marker, default)), 9, 2), TestActor);
        ExpectMsg<StreamItem>(Agent);
        ExpectMsg<StreamItem>(Agent);
        connection.Tell(new CancelStream(9), TestActor);
        AwaitEvents(marker, "cancelled+finally");
    }

    [Fact]
    public void A_requester_that_stops_cancels_its_streams()
    {
        var marker = Guid.NewGuid().ToString("N");
        var requester = CreateTestProbe();
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Forever(marker, default)), 10), requester.Ref);
        requester.ExpectMsg<StreamItem>(Agent);
        Watch(requester.Ref);
        Sys.Stop(requester.Ref);
        ExpectTerminated(requester.Ref, Agent);
        AwaitEvents(marker, "cancelled+finally");
    }

    [Fact]
    public void A_failure_mid_stream_arrives_as_Status_Failure_with_its_type_after_the_items_before_it()
    {
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.FailAfter(3, "/var/log/gone.log")), 11), TestActor);
        for (var i = 0; i < 3; i++) Assert.Equal($"line {i}", ExpectMsg<StreamItem>(Agent).Value);
        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Equal(11L, Assert.IsType<long>(failure.State));
        var missing = Assert.IsType<FileNotFoundException>(failure.Cause);
        Assert.Contains("vanished mid-stream", missing.Message);
    }

    [Fact]
    public void The_agent_dying_ends_the_stream_with_ConnectionLostException_even_without_demand()
    {
        var marker = Guid.NewGuid().ToString("N");
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Forever(marker, default)), 12, 3), TestActor);
        for (var i = 0; i < 3; i++) ExpectMsg<StreamItem>(Agent);   // the window is used up: no pull is in flight

        Process.GetProcessById(holder.Live?.ProcessId ?? throw new InvalidOperationException("no live agent")).Kill();
        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Equal(12L, failure.State);
        Assert.IsType<ConnectionLostException>(failure.Cause);
    }

    [Fact]
    public void A_call_that_is_not_a_stream_and_a_window_out_of_range_are_refused_at_once()
    {
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Produced()), 13), TestActor);
        Assert.Contains("IAsyncEnumerable", Assert.IsType<ArgumentException>(ExpectMsg<Status.Failure>(Agent).Cause).Message);
        connection.Tell(new InvokeStream(ToolCall.Create(() => StreamTools.Count(3, default)), 14, 0), TestActor);
        Assert.IsType<ArgumentOutOfRangeException>(ExpectMsg<Status.Failure>(Agent).Cause);
    }

    private void AwaitEvents(string marker, string expected) =>
        AwaitAssert(() =>
        {
            connection.Tell(new Invoke(ToolCall.Create(() => StreamTools.EventsOf(marker))), TestActor);
            Assert.Equal(expected, ExpectMsg<InvokeResult>(Agent).Value);
        }, Agent, TimeSpan.FromMilliseconds(100));
}
