using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rmote.Integration.Tests.Resilience;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Docs;

#region snippet:akka-actor
/// <summary>The registry key of the application's local agent connection.</summary>
public sealed class LocalAgent;

/// <summary>An actor of the application that asks the agent for its facts and answers with a line of text.</summary>
public sealed class Inspector : ReceiveActor
{
    private readonly Dictionary<long, IActorRef> asked = [];
    private long lastId;

    public Inspector(IActorRef agent)
    {
        Receive<string>(_ =>
        {
            asked[++lastId] = Sender;
            agent.Tell(new Invoke(ToolCall.Create(() => Inventory.Facts()), lastId, TimeSpan.FromSeconds(30)));
        });
        Receive<InvokeResult>(result =>
        {
            var facts = (MachineFacts)result.Value!;
            if (asked.Remove(result.CorrelationId, out var asker)) asker.Tell($"{facts.Name} has {facts.Cores} cores");
        });
        Receive<Status.Failure>(failure =>
        {
            if (asked.Remove((long)failure.State, out var asker)) asker.Tell($"failed: {failure.Cause.Message}");
        });
    }
}
#endregion

#region snippet:akka-stream
/// <summary>Collects the lines a streaming tool yields, asking for more as it handles them; answers with all of them.</summary>
public sealed class LineCollector : ReceiveActor
{
    private const int Window = 16;
    private readonly List<string> lines = [];
    private IActorRef? asker;

    public LineCollector(IActorRef agent, string path)
    {
        Receive<string>(_ =>
        {
            asker = Sender;
            agent.Tell(new InvokeStream(ToolCall.Create(() => LogFiles.Lines(path)), CorrelationId: 1, Window));
        });
        Receive<StreamItem>(item =>
        {
            lines.Add((string)item.Value!);
            // Handled: room for more. Half a window at a time keeps the agent busy without a message per item.
            if (lines.Count % (Window / 2) == 0) Sender.Tell(new StreamDemand(item.CorrelationId, Window / 2));
        });
        Receive<StreamCompleted>(_ => asker?.Tell(lines.ToArray()));
        Receive<Status.Failure>(failure => asker?.Tell(failure));
    }
}

[Tool]
public static class LogFiles
{
    public static IAsyncEnumerable<string> Lines(string path) => File.ReadLinesAsync(path);
}
#endregion

/// <summary>Runs docs/akka.md: a generic-host application that owns a connection and invokes a tool by message.</summary>
public sealed class AkkaSnippets
{
    [Fact]
    public async Task A_generic_host_application_starts_a_connection_and_invokes_a_tool_from_its_own_actor()
    {
        string answer;

        #region snippet:akka-hosting
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("inventory", akka => akka
            .WithRmote(rmote => rmote.AddLocal<LocalAgent>("local-agent"))
            .WithActors((system, registry) =>
            {
                var agent = registry.Get<LocalAgent>();
                registry.Register<Inspector>(system.ActorOf(Props.Create(() => new Inspector(agent)), "inspector"));
            }));
        using var host = builder.Build();
        await host.StartAsync();

        var inspector = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<Inspector>();
        answer = await inspector.Ask<string>("facts?", TimeSpan.FromSeconds(60));
        await host.StopAsync();
        #endregion

        Assert.Equal($"{Environment.MachineName} has {Environment.ProcessorCount} cores", answer);
    }

    [Fact]
    public async Task RmoteProps_in_any_system_with_state_events_and_InvokeAsync()
    {
        using var system = ActorSystem.Create("docs");
        var changes = new List<ConnectionState>();

        #region snippet:akka-props
        var agent = system.ActorOf(RmoteProps.Local(new RmoteOptions { CallTimeout = TimeSpan.FromMinutes(1) }), "agent");
        var states = system.ActorOf(Props.Create(() => new StateLog(changes)));
        system.EventStream.Subscribe(states, typeof(ConnectionStateChanged));

        // Sent at once: it waits in the connection's queue until the agent is up.
        var reply = await agent.Ask<InvokeResult>(new Invoke(ToolCall.Create(() => Inventory.Hostname()), CorrelationId: 1));
        string hostname = (string)reply.Value!;
        // Or, from code that is not an actor:
        MachineFacts facts = await agent.InvokeAsync(() => Inventory.Facts(), TimeSpan.FromSeconds(30));
        #endregion

        Assert.Equal(Environment.MachineName, hostname);
        Assert.Equal(Environment.ProcessorCount, facts.Cores);
        await Faults.EventuallyAsync(() => { lock (changes) return changes.Contains(ConnectionState.Connected); }, Bounds.Generous);
        lock (changes) Assert.Contains(ConnectionState.Connected, changes);
    }

    [Fact]
    public async Task A_connection_in_the_applications_system_stops_only_its_own_actor_when_disposed()
    {
        using var system = ActorSystem.Create("app");
        var events = new List<ConnectionStateChanged>();
        system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new EventLog(events))), typeof(ConnectionStateChanged));

        #region snippet:akka-connection
        await using (var connection = await RmoteConnection.StartLocalAsync(new RmoteOptions { ActorSystem = system }))
        {
            // The same connection, by call or by message:
            int sum = await connection.CallAsync(() => Calculator.Add(2, 3));
            int again = await connection.Actor.InvokeAsync(() => Calculator.Add(2, 3));
        }
        // Disposed: its actors are gone, the application's system runs on.
        #endregion

        Assert.True(await Faults.EventuallyAsync(() => { lock (events) return events.Any(e => e.State == ConnectionState.Closed); }, Bounds.Generous));
        ConnectionStateChanged closed;
        lock (events) closed = events.Single(e => e.State == ConnectionState.Closed);
        Assert.True(await closed.Connection.WatchAsync().WaitAsync(Bounds.Generous), "the disposed connection's actor still runs");
        Assert.False(system.WhenTerminated.IsCompleted);
        await using var next = await RmoteConnection.StartLocalAsync(new RmoteOptions { ActorSystem = system });
        Assert.Equal(7, await next.CallAsync(() => Calculator.Add(3, 4)));
    }

    [Fact]
    public async Task An_actor_reads_a_streaming_tool_under_its_own_demand()
    {
        using var system = ActorSystem.Create("stream-docs");
        var path = Path.Combine(Path.GetTempPath(), $"rmote-lines-{Guid.NewGuid():N}.log");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 100).Select(i => $"line {i}"));
        try
        {
            var agent = system.ActorOf(RmoteProps.Local(), "agent");
            var collector = system.ActorOf(Props.Create(() => new LineCollector(agent, path)), "collector");
            var lines = await collector.Ask<string[]>("go", Bounds.Generous);
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"line {i}"), lines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class EventLog : ReceiveActor
    {
        public EventLog(List<ConnectionStateChanged> events) =>
            Receive<ConnectionStateChanged>(changed => { lock (events) events.Add(changed); });
    }

    private sealed class StateLog : ReceiveActor
    {
        public StateLog(List<ConnectionState> changes) =>
            Receive<ConnectionStateChanged>(changed => { lock (changes) changes.Add(changed.State); });
    }
}

[Tool]
public static class Calculator
{
    public static int Add(int a, int b) => a + b;
}
