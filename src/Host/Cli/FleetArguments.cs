using System.CommandLine;

namespace Rmote.Cli;

/// <summary>The options every fleet command shares: where the hosts come from, how many at once, how long, as whom, how to report.</summary>
internal sealed class FleetArguments
{
    public Option<string?> Inventory { get; } = new("--inventory", "-i") { Description = "The YAML inventory (docs/multi-host.md); HOSTS are then patterns." };
    public Option<string?> Limit { get; } = new("--limit", "-l") { Description = "Only the hosts matching this pattern: name, group, glob, a:b, a:&b, !a." };
    public Option<string[]> Hosts { get; } = new("--hosts", "-H") { Description = "Hosts (or, with -i, patterns), comma-separated; 'local' is a local agent, anything else an ssh destination.", AllowMultipleArgumentsPerToken = true };
    public Option<int> Forks { get; } = new("--forks", "-f") { Description = "Hosts connecting or running at once.", DefaultValueFactory = _ => 32 };
    public Option<double?> Timeout { get; } = new("--timeout", "-t") { Description = "Seconds each host may take to connect, and again to run the call (default: connect 30 s, call unbounded)." };
    public Option<string?> Become { get; } = new("--become", "-b") { Description = "Run the agent as this user on every host (sudo -n -u USER)." };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document with every host's outcome, and nothing else, on stdout." };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log connection details to stderr." };
    public Option<string?> Cluster { get; } = new("--cluster") { Description = "Join the cluster of controllers at this seed (HOST:PORT or akka.tcp://SYSTEM@HOST:PORT) as a client and run on its hosts (docs/cluster.md)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Inventory, Limit, Hosts, Forks, Timeout, Become, Json, Verbose, Cluster }) command.Add(option);
    }

    /// <summary>Reads the settings, with <paramref name="positionalHosts"/> (ping, facts, exec) before <c>--hosts</c>.</summary>
    public CliSettings Read(ParseResult parse, IEnumerable<string>? positionalHosts = null) => new()
    {
        Inventory = parse.GetValue(Inventory),
        Limit = parse.GetValue(Limit),
        Hosts = (positionalHosts ?? []).Concat(parse.GetValue(Hosts) ?? [])
            .SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
        Forks = parse.GetValue(Forks),
        Timeout = parse.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Become = parse.GetValue(Become),
        Json = parse.GetValue(Json),
        Verbose = parse.GetValue(Verbose),
        Cluster = parse.GetValue(Cluster),
    };
}
