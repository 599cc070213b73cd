using System.Text.Json.Nodes;

namespace Rmote;

/// <summary>A group of an <see cref="FleetInventory"/>.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Hosts">The hosts listed in it directly.</param>
/// <param name="Children">The groups nested in it (their hosts are members too).</param>
/// <param name="Members">Every host in it, directly or through nested groups, in inventory order.</param>
/// <param name="Vars">The group's own variables.</param>
public sealed record InventoryGroup(
    string Name,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Children,
    IReadOnlyList<string> Members,
    IReadOnlyDictionary<string, JsonNode?> Vars);
