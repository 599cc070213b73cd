using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Rmote.Cli;

/// <summary>A fleet command's settings, and how they become a fleet and a selection.</summary>
internal sealed partial record CliSettings
{
    public string? Inventory { get; init; }
    public string? Limit { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public int Forks { get; init; } = 32;
    public TimeSpan? Timeout { get; init; }
    public string? Become { get; init; }
    public bool Json { get; init; }
    public bool Verbose { get; init; }

    /// <summary>The seed of a cluster to run through (<c>--cluster</c>); <see langword="null"/>: own connections.</summary>
    public string? Cluster { get; init; }

    /// <summary>
    /// The fleet and the hosts to run on. With an inventory, <see cref="Hosts"/> are patterns (default all); without,
    /// they are the hosts: <c>local</c> (or <c>local-NAME</c>) for a local agent, anything else an ssh destination —
    /// or, through a <paramref name="cluster"/>, the names of the cluster's hosts (its members know how to reach them).
    /// <see cref="Limit"/> narrows either.
    /// </summary>
    /// <exception cref="InventoryException">The inventory is invalid.</exception>
    /// <exception cref="ArgumentException">No hosts, a bad pattern, or a host that cannot take these settings.</exception>
    public (RmoteFleet Fleet, FleetSelection Selection) Open(ILoggerFactory loggerFactory, ClusterClient? cluster = null)
    {
        IReadOnlyList<FleetHost> hosts;
        IReadOnlySet<string> groups;
        string pattern;
        if (Inventory is not null)
        {
            var inventory = FleetInventory.Load(Inventory);
            (hosts, groups) = (inventory.Hosts, inventory.Groups.Keys.ToHashSet(StringComparer.Ordinal));
            pattern = Hosts.Count == 0 ? "all" : string.Join(':', Hosts);
        }
        else
        {
            if (Hosts.Count == 0)
                throw new ArgumentException("No hosts: name them (e.g. 'local', 'deploy@web1') or give an inventory with -i FILE.");
            hosts = Hosts.Distinct().Select(h => cluster is not null || LocalName().IsMatch(h) ? FleetHost.ForLocal(h) : FleetHost.ForSsh(h)).ToList();
            groups = new HashSet<string>();
            pattern = "all";
        }
        if (Become is not null) hosts = hosts.Select(h => h with { Become = Become }).ToList();
        var options = new FleetOptions
        {
            ThrottleLimit = Forks,
            CallTimeout = Timeout ?? System.Threading.Timeout.InfiniteTimeSpan,
            Connection = new RmoteOptions { LoggerFactory = loggerFactory, ConnectTimeout = Timeout ?? TimeSpan.FromSeconds(30), ActorSystem = cluster?.System },
            ClusterHosts = cluster?.Hosts,
        };
        var fleet = RmoteFleet.Create(hosts, groups, options);
        try
        {
            var selected = HostPattern.Select(hosts, pattern, groups);
            if (Limit is not null)
            {
                var limited = HostPattern.Select(hosts, Limit, groups).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
                selected = selected.Where(h => limited.Contains(h.Name)).ToList();
            }
            return (fleet, new FleetSelection(fleet, Limit is null ? pattern : $"{pattern} limited to {Limit}", selected));
        }
        catch
        {
            _ = fleet.DisposeAsync().AsTask();
            throw;
        }
    }

    [GeneratedRegex(@"^local(-[\w.-]+)?$")]
    private static partial Regex LocalName();
}
