using Akka.Actor;
using Rmote.Actors.Fleet;
using Rmote.Fleet;

namespace Rmote;

/// <summary>
/// <see cref="Props"/> of a fleet actor, for Akka.NET applications: create it wherever you like
/// (<c>system.ActorOf(RmoteFleetProps.Load("hosts.yaml"), "fleet")</c>) and send it <see cref="FleetInvoke"/>; it answers
/// with one <see cref="FleetInvokeResult"/> (and, if asked, streams <see cref="HostStarted"/> and
/// <see cref="HostOutcome"/> as hosts start and end). It keeps one connection actor per host as its child, created
/// on the host's first invoke, reused, stopped after <see cref="FleetOptions.IdleTimeout"/>, and runs at most
/// <see cref="FleetOptions.ThrottleLimit"/> hosts at once. Stopping it stops every connection. <see cref="RmoteFleet"/>
/// is the task API over the same actor.
/// </summary>
public static class RmoteFleetProps
{
    /// <summary>A fleet actor over <paramref name="hosts"/>.</summary>
    /// <exception cref="ArgumentException">Two hosts share a name, or a host's settings contradict each other.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Props Create(IEnumerable<FleetHost> hosts, FleetOptions? options = null)
    {
        var (checkedHosts, checkedOptions) = Validate(hosts, options);
        return For(checkedHosts, new HashSet<string>(StringComparer.Ordinal), checkedOptions);
    }

    /// <summary>A fleet actor over the hosts of the inventory at <paramref name="inventoryPath"/>.</summary>
    /// <exception cref="InventoryException">The inventory is invalid; the message names file, line and column.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Props Load(string inventoryPath, FleetOptions? options = null)
    {
        var inventory = FleetInventory.Load(inventoryPath);
        var (checkedHosts, checkedOptions) = Validate(inventory.Hosts, options);
        return For(checkedHosts, inventory.Groups.Keys.ToHashSet(StringComparer.Ordinal), checkedOptions);
    }

    /// <summary>The fleet actor's props for hosts and options already validated.</summary>
    internal static Props For(IReadOnlyList<FleetHost> hosts, IReadOnlySet<string> groups, FleetOptions options)
    {
        var byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        var members = hosts.Select(h => new FleetMember(h.Name, h.Groups, HostConnector.PropsFor(h, hosts, options.Connection),
            options.Connection.ConnectTimeout)).ToList();
        return FleetActor.Props(members, new FleetSettings
        {
            ThrottleLimit = options.ThrottleLimit,
            CallTimeout = options.CallTimeout,
            IdleTimeout = options.IdleTimeout,
            Groups = groups,
            ClusterHosts = options.ClusterHosts,
            Classify = (host, error) =>
            {
                var surfaced = HostFailures.Surface(error, byName[host]);
                return (surfaced, HostFailures.Classify(surfaced));
            },
        });
    }

    /// <summary>Checks the hosts and options; <see cref="RmoteFleet"/> and these props share the rules.</summary>
    internal static (FleetHost[] Hosts, FleetOptions Options) Validate(IEnumerable<FleetHost> hosts, FleetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        options ??= new FleetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ThrottleLimit, 1, "options.ThrottleLimit");
        if (options.CallTimeout is { } t && t != Timeout.InfiniteTimeSpan && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("options.CallTimeout", t, "A timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
        if (options.IdleTimeout != Timeout.InfiniteTimeSpan && options.IdleTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("options.IdleTimeout", options.IdleTimeout, "The idle timeout must be positive, or Timeout.InfiniteTimeSpan.");
        var list = hosts.ToArray();
        if (list.GroupBy(h => h.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Two hosts are named '{twice.Key}'; host names must be unique in a fleet.", nameof(hosts));
        foreach (var host in list)
        {
            if (host.Kind == FleetHostKind.Command && host.Become is not null)
                throw new ArgumentException($"Host '{host.Name}': 'become' needs an ssh or local host; put sudo into the command instead.", nameof(hosts));
            if (host.Jump is not null && host.Kind != FleetHostKind.Ssh)
                throw new ArgumentException($"Host '{host.Name}': 'jump' needs an ssh host.", nameof(hosts));
            if (host.Jump is not null) HostConnector.SshFor(host, list);   // an unusable hop fails here, not on the first call
        }
        return (list, options);
    }
}
