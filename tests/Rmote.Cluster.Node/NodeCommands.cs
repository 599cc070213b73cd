using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Rmote.TestTools;

namespace Rmote.Cluster.Node;

/// <summary>
/// The control protocol on stdin/stdout, one line each: a command <c>ID VERB ARGS…</c>, answered (asynchronously, in
/// any order) by <c>R ID ok VALUE</c> or <c>R ID err EXCEPTION-TYPE MESSAGE</c>. Verbs: <c>invoke HOST TOOL [ARG]</c>
/// (tools: echo N, pid, sleep MS, missing PATH), <c>burst COUNT HOST,HOST…</c> (COUNT invokes at once spread over the
/// hosts; answers elapsed µs and the number of failures), <c>seq COUNT HOST</c> (COUNT invokes one after another;
/// answers µs per invoke), <c>fleet SELECTION TOOL [ARG]</c> (a fleet-wide invoke through the cluster over hosts
/// h00…h29 in groups even/odd; see <see cref="FleetCollector"/>), <c>members</c>, <c>rss</c>, <c>send PORT smuggled|unbound|marker</c>
/// (to that node's echo actor), <c>leave</c> (CoordinatedShutdown, then the process exits).
/// </summary>
public sealed class NodeCommands(IServiceProvider services, TextWriter output)
{
    private static readonly TimeSpan InvokeTimeout = TimeSpan.FromSeconds(60);
    private readonly ActorSystem system = services.GetRequiredService<ActorSystem>();
    private IActorRef? fleet;

    public async Task RunAsync(TextReader input, CancellationToken stopping)
    {
        var hosts = await services.GetRequiredService<ActorRegistry>().GetAsync<RmoteHosts>();
        var running = new List<Task>();
        while (!stopping.IsCancellationRequested && await ReadLineAsync(input, stopping) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2) continue;
            if (words[1] == "leave") break;
            running.Add(AnswerAsync(words[0], () => RunAsync(hosts, words[1], words[2..])));
        }
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }

    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken stopping)
    {
        try
        {
            return await input.ReadLineAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task AnswerAsync(string id, Func<Task<string>> command)
    {
        string answer;
        try
        {
            answer = $"ok {await command()}";
        }
        catch (Exception failure)
        {
            answer = $"err {failure.GetType().FullName} {failure.Message.ReplaceLineEndings(" ")}";
        }
        lock (output) output.WriteLine($"R {id} {answer}");
    }

    private async Task<string> RunAsync(IActorRef hosts, string verb, string[] args)
    {
        switch (verb)
        {
            case "invoke":
                return Format(await hosts.Ask<InvokeResult>(new HostInvoke(args[0], Call(args[1], args.ElementAtOrDefault(2))), InvokeTimeout + InvokeTimeout));
            case "burst":
                return await BurstAsync(hosts, int.Parse(args[0]), args[1].Split(','));
            case "fleet":
                var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                system.ActorOf(Props.Create(() => new FleetCollector(Fleet(hosts), new FleetInvoke(Call(args[1], args.ElementAtOrDefault(2)), args[0], 0, null, false), done)));
                return await done.Task.WaitAsync(InvokeTimeout + InvokeTimeout);
            case "seq":
                return await SequentialAsync(hosts, int.Parse(args[0]), args[1]);
            case "members":
                return Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up).ToString();
            case "rss":
                return Process.GetCurrentProcess().WorkingSet64.ToString();
            case "send":
                system.ActorSelection($"akka.tcp://rmote@127.0.0.1:{args[0]}/user/echo").Tell(args[1] switch
                {
                    "smuggled" => new Smuggled("from " + Environment.ProcessId),
                    "unbound" => new Unbound("from " + Environment.ProcessId),
                    _ => (object)$"marker-{args[1]}",
                });
                return "sent";
            default:
                throw new ArgumentException($"unknown verb {verb}");
        }
    }

    // One fleet actor per node in cluster mode: it holds no connection, every host goes through the shard region.
    private IActorRef Fleet(IActorRef hosts)
    {
        if (fleet is not null) return fleet;
        var inventory = Enumerable.Range(0, 30).Select(i => FleetHost.ForLocal($"h{i:00}") with { Groups = [i % 2 == 0 ? "even" : "odd"] });
        #region snippet:cluster-fleet
        // hosts: registry.Get<RmoteHosts>() of this member (or proxy); the fleet holds no connection of its own.
        fleet = system.ActorOf(RmoteFleetProps.Create(inventory,
            new FleetOptions { ClusterHosts = hosts, Connection = new RmoteOptions { ActorSystem = system } }), "fleet");
        #endregion
        return fleet;
    }

    private static ToolCall Call(string tool, string? argument) => tool switch
    {
        "echo" => ToolCall.Create(() => ResilienceTools.Echo(int.Parse(argument!))),
        "pid" => ToolCall.Create(() => ResilienceTools.ProcessId()),
        "sleep" => ToolCall.Create(() => ResilienceTools.SleepIgnoringCancellation(int.Parse(argument!))),
        "missing" => ToolCall.Create(() => Rmote.TestTools.Failures.MissingFile(argument!)),
        _ => throw new ArgumentException($"unknown tool {tool}"),
    };

    private static string Format(InvokeResult result) => result.Value switch
    {
        null => "null",
        var value => $"{value.GetType().Name}:{value}",
    };

    private static async Task<string> SequentialAsync(IActorRef hosts, int count, string host)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            if ((int)(await hosts.Ask<InvokeResult>(new HostInvoke(host, ToolCall.Create(() => ResilienceTools.Echo(i))), InvokeTimeout)).Value! != i)
                throw new InvalidOperationException($"invoke {i} on {host} got another answer");
        return (clock.Elapsed.TotalMicroseconds / count).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> BurstAsync(IActorRef hosts, int count, string[] names)
    {
        var clock = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, count).Select(i =>
            hosts.Ask<InvokeResult>(new HostInvoke(names[i % names.Length], ToolCall.Create(() => ResilienceTools.Echo(i))), InvokeTimeout)).ToArray();
        var failures = 0;
        for (var i = 0; i < calls.Length; i++)
        {
            try
            {
                // An acknowledged result must be the right one.
                if ((int)(await calls[i]).Value! != i) failures++;
            }
            catch (Exception)
            {
                failures++;
            }
        }
        return $"{clock.Elapsed.TotalMicroseconds:F0} {failures}";
    }
}
