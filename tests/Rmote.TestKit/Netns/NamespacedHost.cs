using Rmote.TestKit.Ssh;

namespace Rmote.TestKit.Netns;

/// <summary>One host of <see cref="NamespacedHosts"/>.</summary>
/// <param name="Index">Its position.</param>
/// <param name="Namespace">The network namespace's name.</param>
/// <param name="Address">Its IPv4 address (sshd listens there).</param>
/// <param name="Link">Its veth end on the bridge in the root namespace (set it down for a partition).</param>
/// <param name="Sshd">Its sshd: port, keys, known_hosts, a throwaway user.</param>
public sealed record NamespacedHost(int Index, string Namespace, string Address, string Link, LoopbackSshd Sshd)
{
    /// <summary>The host's name in inventories: <c>h0</c>, <c>h1</c>, …</summary>
    public string Name => "h" + Index;

    /// <summary>
    /// Inventory YAML for this host (ssh as <paramref name="user"/>, its key, port and known_hosts, and
    /// <paramref name="agentCache"/> if given), indented by 2.
    /// Connection sharing is off (ControlMaster=no): the fleet tests count ssh processes, and a master kept by an
    /// earlier test (ControlPersist) would be counted too. Sharing has its own tests against the loopback sshd.
    /// </summary>
    public string InventoryEntry(string user = "root", string? agentCache = null) => $"""
          {Name}:
            ssh: {Address}
            user: {user}
            port: {Sshd.Port}
            identity_file: {Sshd.UserKey}
            ssh_options: [{string.Join(", ", Sshd.Options().Options.Append("ControlMaster=no"))}]{(agentCache is null ? "" : "\n    agent_cache: " + agentCache)}
        """;
}
