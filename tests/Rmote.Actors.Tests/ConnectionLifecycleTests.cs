using System.Diagnostics;
using Rmote.Actors.Connection;
using Rmote.Actors.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Actors.Tests;

/// <summary>
/// The connection actor's life, driven by probes and a connector that fails or waits on demand, over real local
/// agents: queueing before the agent is up, the first connect's failure, reconnect through backoff supervision,
/// giving up, and stopping with its parent.
/// </summary>
public sealed class ConnectionLifecycleTests : ConnectionTestKit
{
    [Fact]
    public void An_invoke_sent_before_the_agent_is_up_waits_and_is_served()
    {
        var gate = new TaskCompletionSource();
        var connector = Local().ThenWaitFor(gate.Task);
        var connection = Sys.ActorOf(ConnectionActor.Props(connector, Settings()));

        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(1, 2)), 7));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));   // still connecting: queued, not refused
        gate.SetResult();

        var result = ExpectMsg<InvokeResult>(Agent);
        Assert.Equal(7, result.CorrelationId);
        Assert.Equal(3, Assert.IsType<int>(result.Value));
    }

    [Fact]
    public void Past_the_queue_bound_an_invoke_is_refused_at_once_and_the_queued_ones_are_served()
    {
        var gate = new TaskCompletionSource();
        var connection = Sys.ActorOf(ConnectionActor.Props(Local().ThenWaitFor(gate.Task), Settings(new RmoteOptions { MaxQueuedInvokes = 2 })));

        for (var i = 1; i <= 3; i++) Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(i, 0)), i));

        var refused = ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(5));
        Assert.Equal(3L, refused.State);
        Assert.IsType<InvokeQueueFullException>(refused.Cause);
        gate.SetResult();
        var served = new[] { ExpectMsg<InvokeResult>(Agent), ExpectMsg<InvokeResult>(Agent) };
        Assert.Equal([1L, 2L], served.Select(r => r.CorrelationId).Order());   // both run at once: either may answer first
    }

    [Fact]
    public void A_queued_invoke_times_out_while_the_connection_is_still_connecting()
    {
        var gate = new TaskCompletionSource();
        var connection = Sys.ActorOf(ConnectionActor.Props(Local().ThenWaitFor(gate.Task), Settings()));
        var clock = Stopwatch.StartNew();

        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(1, 1)), 1, TimeSpan.FromMilliseconds(300)));

        var failure = ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(10));
        Assert.IsType<TimeoutException>(failure.Cause);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"timed out after {clock.ElapsedMilliseconds} ms");
        gate.SetResult();
        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(2, 2)), 2));
        Assert.Equal(4, ExpectMsg<InvokeResult>(Agent).Value);
    }

    [Fact]
    public void A_failed_first_connect_fails_the_queued_invokes_with_its_error_and_then_stops()
    {
        var gate = new TaskCompletionSource();
        var failing = Local().ThenFailAfter(gate.Task, new IOException("no such host"));
        var connection = Sys.ActorOf(ConnectionActor.Props(failing, Settings(Reconnecting())));
        Watch(connection);

        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(1, 1)), 11));
        gate.SetResult();

        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Equal(11L, failure.State);
        Assert.Equal("no such host", Assert.IsType<IOException>(failure.Cause).Message);
        ExpectTerminated(connection, Agent);
        Assert.Equal(1, failing.Attempts);   // the first connect is never retried
    }

    [Fact]
    public void Every_failed_connect_is_reported_however_its_continuations_are_ordered()
    {
        // Forty first connects failing a moment after they started (asynchronously, as a real transport does): each
        // connection must end with that failure. (The outcome message was once built after the connect's token had
        // been disposed by a racing continuation; the link then waited for ever.) The clocks start once every invoke
        // is queued: an invoke sent after its connection had already given up would go to dead letters, unanswered.
        var queued = new TaskCompletionSource();
        var connections = Enumerable.Range(0, 40).Select(i =>
        {
            var failAfter = queued.Task.ContinueWith(_ => Task.Delay(5 + i % 7), TaskScheduler.Default).Unwrap();
            var connector = Local().ThenFailAfter(failAfter, new IOException($"refused {i}"));
            var connection = Sys.ActorOf(ConnectionActor.Props(connector, Settings()));
            Watch(connection);
            Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(i, 0)), i));
            return connection;
        }).ToList();
        queued.SetResult();

        var received = ReceiveN(80, TimeSpan.FromSeconds(30));
        var failures = received.OfType<Status.Failure>().ToList();
        Assert.Equal(40, failures.Count);
        Assert.All(failures, f => Assert.Equal($"refused {f.State}", Assert.IsType<IOException>(f.Cause).Message));
        Assert.Equal(connections.ToHashSet(), received.OfType<Terminated>().Select(t => t.ActorRef).ToHashSet());
    }

    [Fact]
    public void A_lost_agent_is_replaced_by_a_new_incarnation_and_the_connection_stays_the_same_actor()
    {
        var states = CreateTestProbe();
        WatchStates(states);
        var connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings(Reconnecting())));
        ExpectState(states, connection, ConnectionState.Connecting);
        ExpectState(states, connection, ConnectionState.Connected);
        var first = Pid(connection);

        Process.GetProcessById(first).Kill();

        var lost = ExpectState(states, connection, ConnectionState.Reconnecting);
        Assert.IsType<ConnectionLostException>(lost.Reason);
        var back = ExpectState(states, connection, ConnectionState.Connected);
        Assert.Same(connection, back.Connection);
        Assert.NotEqual(first, Pid(connection));
    }

    [Fact]
    public void When_the_reconnect_attempts_are_used_up_waiting_invokes_fail_and_then_the_actor_stops()
    {
        var connector = Local().ThenSucceed().AlwaysFail(new IOException("connection refused"));
        var states = CreateTestProbe();
        WatchStates(states);
        var connection = Sys.ActorOf(ConnectionActor.Props(connector, Settings(Reconnecting(attempts: 2))));
        var pid = Pid(connection);
        Watch(connection);

        Process.GetProcessById(pid).Kill();
        states.FishForMessage<ConnectionStateChanged>(m => m.Connection.Equals(connection) && m.State == ConnectionState.Reconnecting, Agent);
        Send(connection, new Invoke(ToolCall.Create(() => Calc.Add(1, 1)), 21));   // waits for a reconnect that never comes

        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Equal(21L, failure.State);
        var gaveUp = Assert.IsType<ConnectionLostException>(failure.Cause);
        Assert.Contains("after 2 attempt(s)", gaveUp.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", gaveUp.Message, StringComparison.Ordinal);
        ExpectTerminated(connection, Agent);
        Assert.Equal(3, connector.Attempts);
        Assert.Equal(ConnectionState.Closed, ExpectStateAny(states, connection).State);
    }

    [Fact]
    public void With_reconnect_off_a_lost_agent_fails_the_pending_invoke_before_Terminated()
    {
        var connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings()));
        var pid = Pid(connection);
        Watch(connection);
        var marker = Guid.NewGuid().ToString("N");
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None)), 31));
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.HasStartedAsync(marker, 20_000)), 32));
        Assert.Equal(true, ExpectMsg<InvokeResult>(Agent).Value);

        Process.GetProcessById(pid).Kill();

        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Equal(31L, failure.State);
        Assert.IsType<ConnectionLostException>(failure.Cause);
        ExpectTerminated(connection, Agent);
    }

    [Fact]
    public void A_connection_made_by_an_actor_lives_under_it_and_stopping_the_parent_stops_the_agent()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(ConnectionActor.Props(Local(), Settings()))), "owner");
        parent.Tell("child", TestActor);
        var connection = ExpectMsg<IActorRef>();
        Assert.Equal(parent.Path, connection.Path.Parent);
        var pid = Pid(connection);
        Watch(connection);

        Sys.Stop(parent);

        ExpectTerminated(connection, Agent);
        AwaitCondition(() => ProcessIsGone(pid), Agent, TimeSpan.FromMilliseconds(50), $"the agent {pid} still runs");
    }

    private int Pid(IActorRef connection)
    {
        Send(connection, new Invoke(ToolCall.Create(() => ResilienceTools.ProcessId()), -1));
        return Assert.IsType<int>(ExpectMsg<InvokeResult>(r => r.CorrelationId == -1, Agent).Value);
    }

    private ConnectionStateChanged ExpectStateAny(Akka.TestKit.TestProbe probe, IActorRef connection) =>
        probe.FishForMessage<ConnectionStateChanged>(m => m.Connection.Equals(connection) && m.State == ConnectionState.Closed, Agent);

    private static bool ProcessIsGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(Props child)
        {
            var made = Context.ActorOf(child, "agent");
            Receive<string>(_ => Sender.Tell(made));
        }
    }
}
