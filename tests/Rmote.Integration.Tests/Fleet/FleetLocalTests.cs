using Akka.Actor;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;
using Rmote.Tools;

namespace Rmote.Integration.Tests.Fleet;

/// <summary>Fleets of local agents: the documented snippets, the message API, idle timeout, typed per-host failures.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FleetLocalTests : IAsyncLifetime
{
    private readonly ActorSystem system = ActorSystem.Create("fleet-local-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string directory = Directory.CreateTempSubdirectory("rmote-fleet-local-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_documented_fleet_snippet_runs()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            #region snippet:fleet-create
            await using var fleet = RmoteFleet.Create(
                [FleetHost.ForLocal("a"), FleetHost.ForLocal("b") with { Groups = ["web"] }],
                new FleetOptions { ThrottleLimit = 8, CallTimeout = TimeSpan.FromSeconds(30) });

            var results = await fleet.CallAsync(() => Calc.Add(2, 3));
            foreach (var result in results)
                Console.WriteLine(result.Succeeded ? $"{result.Host.Name}: {result.Value}" : $"{result.Host.Name}: {result.Failure} {result.Error!.Message}");

            var web = await fleet.Select("web").CallAsync(() => Calc.Add(1, 1));   // only host b
            #endregion
            webResult = web;
        }
        finally
        {
            Console.SetOut(console);
        }
        Assert.Equal("a: 5\nb: 5\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("b", Assert.Single(webResult!).Host.Name);
        Assert.Equal(2, webResult!.Single().Value);
    }

    private FleetResult<HostResult<int>>? webResult;

    [Fact]
    public async Task The_documented_inventory_snippet_runs()
    {
        var inventoryPath = Path.Combine(directory, "hosts.yaml");
        await File.WriteAllTextAsync(inventoryPath, """
            hosts:
              one: { local: true }
              two: { local: true }
            groups:
              web: { hosts: [one, two] }
              prod: { hosts: [two] }
            """);
        #region snippet:fleet-load
        await using var fleet = RmoteFleet.Load(inventoryPath, new FleetOptions { ThrottleLimit = 16 });
        var uptimes = await fleet.Select("web:&prod").CallAsync(() => Exec.Shell("uptime", true, null, null, null, true));
        #endregion
        Assert.Equal("two", Assert.Single(uptimes).Host.Name);
        Assert.Contains("load average", uptimes[0].Value!.Stdout);
    }

    [Fact]
    public async Task The_fleet_actor_answers_one_message_and_streams_each_host_when_asked()
    {
        var hosts = new[] { FleetHost.ForLocal("a"), FleetHost.ForLocal("b") with { Groups = ["odd"] }, FleetHost.ForLocal("c") };
        #region snippet:fleet-actor
        var fleet = system.ActorOf(RmoteFleetProps.Create(hosts, new FleetOptions { ThrottleLimit = 2 }), "fleet");
        var reply = await fleet.Ask<FleetInvokeResult>(new FleetInvoke(ToolCall.Create(() => Calc.Add(20, 1)), "all", CorrelationId: 7),
            TimeSpan.FromSeconds(60));
        // reply.Hosts: one HostOutcome per host (Host, Value, Error, Failure, Elapsed), in fleet order
        #endregion
        Assert.Equal(7, reply.CorrelationId);
        Assert.Equal(["a", "b", "c"], reply.Hosts.Select(h => h.Host));
        Assert.All(reply.Hosts, h => Assert.Equal(21, Assert.IsType<int>(h.Value)));

        var inbox = Inbox.Create(system);
        inbox.Send(fleet, new FleetInvoke(ToolCall.Create(() => Rmote.TestTools.Failures.MissingFile("/tmp/rmote-fleet-none")), "odd:c", 8, StreamHostOutcomes: true));
        var messages = new List<object>();
        while (messages.LastOrDefault() is not FleetInvokeResult) messages.Add(await inbox.ReceiveAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, messages.OfType<HostStarted>().Count());
        var streamed = messages.OfType<HostOutcome>().ToList();
        Assert.Equal(["b", "c"], streamed.Select(o => o.Host).Order());
        Assert.All(streamed, o => Assert.Equal((8L, HostFailureKind.RemoteException), (o.CorrelationId, o.Failure)));
        Assert.All(streamed, o => Assert.IsType<FileNotFoundException>(o.Error));
        Assert.True(messages.IndexOf(streamed[^1]) < messages.Count - 1, "the outcomes come before the result");

        // A bad selection is a Status.Failure, which Ask and Inbox surface as the exception itself.
        inbox.Send(fleet, new FleetInvoke(ToolCall.Create(() => Calc.Add(1, 1)), "nosuch", 9));
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => inbox.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("'nosuch' matches no host and no group", failure.Message);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_and_the_next_call_opens_a_new_one()
    {
        await using var fleet = RmoteFleet.Create([FleetHost.ForLocal("a")], new FleetOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        var first = (await fleet.CallAsync(() => HostScenarios.ProcessId())).Single().Value;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!AgentProcesses.IsGone(first) && clock.Elapsed < Bounds.Generous) await Task.Delay(50);
        Assert.True(AgentProcesses.IsGone(first), "the idle agent was not stopped");

        var second = (await fleet.CallAsync(() => HostScenarios.ProcessId())).Single().Value;
        Assert.NotEqual(first, second);
        Assert.Equal(2, await fleet.ConnectionsOpenedAsync());
    }

    [Fact]
    public async Task A_host_that_cannot_start_fails_typed_and_alone()
    {
        await using var fleet = RmoteFleet.Create(
            [FleetHost.ForLocal("good"), FleetHost.ForCommand("no-shell", ["/nonexistent/rmote-shell"]), FleetHost.ForCommand("slow", ["sh"])],
            new FleetOptions { CallTimeout = TimeSpan.FromSeconds(1) });
        var quick = await fleet.CallAsync(() => Calc.Add(1, 2)).Within(Bounds.Generous, "a fleet call with a failing host");
        Assert.Equal([3, 3], quick.Succeeded.Select(r => r.Value));
        var failed = Assert.Single(quick.Failed);
        Assert.Equal(("no-shell", HostFailureKind.Unreachable), (failed.Host.Name, failed.Failure));
        Assert.IsType<RmoteConnectException>(failed.Error);

        // Connected now, so the per-host timeout is the call's alone.
        var slow = await fleet.CallAsync(() => Calc.Sleep(3000)).Within(Bounds.Generous, "a fleet call that times out");
        Assert.Equal(HostFailureKind.TimedOut, slow["good"].Failure);
        Assert.IsType<TimeoutException>(slow["good"].Error);
        Assert.Equal(HostFailureKind.TimedOut, slow["slow"].Failure);
        Assert.Equal(HostFailureKind.Unreachable, slow["no-shell"].Failure);
        Assert.InRange(slow["good"].Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.9));
    }

    [Fact]
    public async Task A_selection_runs_on_its_hosts_only_even_when_a_host_is_named_like_a_group()
    {
        // Host "a" shares its name with the group b is in: "a" as a pattern means both, but the selection is a alone.
        await using var fleet = RmoteFleet.Create([FleetHost.ForLocal("a"), FleetHost.ForLocal("b") with { Groups = ["a"] }]);
        var selection = fleet.Select("a:!b");
        Assert.Equal(["a"], selection.Hosts.Select(h => h.Name));

        var results = await selection.CallAsync(() => Calc.Add(1, 1)).Within(Bounds.Generous, "a call on the selection");

        Assert.Equal(["a"], results.Select(r => r.Host.Name));
    }

    [Fact]
    public async Task DisposeAsync_returns_once_every_agent_has_exited()
    {
        var fleet = RmoteFleet.Create([FleetHost.ForLocal("a"), FleetHost.ForLocal("b"), FleetHost.ForLocal("c")]);
        var pids = (await fleet.CallAsync(() => HostScenarios.ProcessId()).Within(Bounds.Generous, "three agents")).Select(r => r.Value).ToList();
        Assert.Equal(3, pids.Distinct().Count());

        await fleet.DisposeAsync().AsTask().Within(Bounds.Generous, "the fleet's dispose");

        Assert.All(pids, pid => Assert.True(AgentProcesses.IsGone(pid), $"agent {pid} still runs after DisposeAsync"));
    }

    [Fact]
    public async Task Cancelling_a_fleet_call_cancels_the_tool_on_every_host()
    {
        await using var fleet = RmoteFleet.Create([FleetHost.ForLocal("a"), FleetHost.ForLocal("b")]);
        var marker = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource();
        var call = fleet.CallAsync(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None), cancel.Token);
        var started = await fleet.CallAsync(() => ResilienceTools.HasStartedAsync(marker, 30_000)).Within(Bounds.Generous, "both hosts starting the tool");
        Assert.All(started, r => Assert.True(r.Value));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).Within(Bounds.Generous, "the cancelled fleet call");
        var cancelled = await fleet.CallAsync(() => ResilienceTools.WasCancelledAsync(marker, 30_000)).Within(Bounds.Generous, "the hosts' tokens");
        Assert.Equal([true, true], cancelled.Select(r => r.Value));
    }

    [Fact]
    public async Task CancelFleetInvoke_ends_running_and_unstarted_hosts_as_cancelled_and_still_answers_with_every_host()
    {
        var hosts = new[] { FleetHost.ForLocal("a"), FleetHost.ForLocal("b"), FleetHost.ForLocal("c") };
        var fleet = system.ActorOf(RmoteFleetProps.Create(hosts, new FleetOptions { ThrottleLimit = 1 }));
        var marker = Guid.NewGuid().ToString("N");
        var inbox = Inbox.Create(system);
        inbox.Send(fleet, new FleetInvoke(ToolCall.Create(() => ResilienceTools.WaitForCancellationAsync(marker, CancellationToken.None)), "all", 3,
            StreamHostOutcomes: true));
        Assert.Equal("a", Assert.IsType<HostStarted>(await inbox.ReceiveAsync(Bounds.Generous)).Host);   // throttle 1: b and c wait

        inbox.Send(fleet, new CancelFleetInvoke(3));

        var messages = new List<object>();
        while (messages.LastOrDefault() is not FleetInvokeResult) messages.Add(await inbox.ReceiveAsync(Bounds.Generous));
        var result = (FleetInvokeResult)messages[^1];
        Assert.Equal(["a", "b", "c"], result.Hosts.Select(h => h.Host));
        Assert.All(result.Hosts, h => Assert.Equal(HostFailureKind.Cancelled, h.Failure));
        Assert.All(result.Hosts, h => Assert.IsAssignableFrom<OperationCanceledException>(h.Error));
        Assert.Empty(messages.OfType<HostStarted>());   // b and c never started
        Assert.Equal(3, messages.OfType<HostOutcome>().Count());
    }

    public async Task DisposeAsync()
    {
        await system.Terminate();
        Directory.Delete(directory, recursive: true);
    }
}
