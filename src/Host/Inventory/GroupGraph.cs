using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Rmote;

/// <summary>
/// The inventory's groups: which hosts and groups each lists, checked (every name exists, no cycle), and flattened
/// into members per group and groups per host. Variables of a parent group apply before its children's, so the more
/// specific group wins.
/// </summary>
internal sealed class GroupGraph
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, (List<string> Hosts, List<string> Children, YamlNode? Vars)> raw = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> members = new(StringComparer.Ordinal);

    public GroupGraph(InventoryReader reader, YamlMappingNode groups, IReadOnlyList<string> hostNames)
    {
        var nodes = new Dictionary<string, (YamlMappingNode? Body, List<(string Name, YamlNode Node)> Hosts, List<(string Name, YamlNode Node)> Children)>(StringComparer.Ordinal);
        foreach (var (keyNode, body) in groups.Children)
        {
            var key = reader.Key(keyNode, "a group name");
            var name = key.Value!;
            if (name == "all") throw reader.Error(key, "'all' is the implicit group of every host; choose another group name.");
            if (hostNames.Contains(name)) throw reader.Error(key, $"'{name}' is both a host and a group; selections could not tell them apart.");
            var map = InventoryReader.IsNull(body) ? null : reader.Mapping(body, $"group '{name}'");
            if (map is not null) reader.CheckKeys(map, ["hosts", "children", "vars"], $"in group '{name}'");
            nodes[name] = (map, Names(reader, InventoryReader.Value(map, "hosts"), "hosts"), Names(reader, InventoryReader.Value(map, "children"), "children"));
            order.Add(name);
        }
        foreach (var name in order)
        {
            var (body, hosts, children) = nodes[name];
            foreach (var (host, node) in hosts.Where(h => !hostNames.Contains(h.Name)))
                throw reader.Error(node, $"group '{name}' lists host '{host}', which is not under 'hosts:'.");
            foreach (var (child, node) in children.Where(c => !nodes.ContainsKey(c.Name)))
                throw reader.Error(node, $"group '{name}' lists child group '{child}', which is not under 'groups:'.");
            raw[name] = (hosts.Select(h => h.Name).ToList(), children.Select(c => c.Name).ToList(), InventoryReader.Value(body, "vars"));
        }
        foreach (var name in order) CheckCycle(reader, nodes, name, []);
        foreach (var name in order)
        {
            var set = new HashSet<string>(Expand(name), StringComparer.Ordinal);
            members[name] = hostNames.Where(set.Contains).ToList();
        }
        Groups = order.ToDictionary(n => n, n => new InventoryGroup(n, raw[n].Hosts, raw[n].Children, members[n],
            (IReadOnlyDictionary<string, JsonNode?>)VarsOf(reader, raw[n].Vars)), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, InventoryGroup> Groups { get; }

    /// <summary>Every group <paramref name="host"/> is in, in inventory order.</summary>
    public IReadOnlyList<string> GroupsOf(string host) => order.Where(g => members[g].Contains(host)).ToArray();

    /// <summary>The vars nodes of the host's groups, parents before children (then inventory order).</summary>
    public IEnumerable<YamlNode> VarsFor(string host) =>
        GroupsOf(host).OrderBy(Depth).ThenBy(order.IndexOf).Select(g => raw[g].Vars).OfType<YamlNode>();

    private int Depth(string group)
    {
        var parents = order.Where(p => raw[p].Children.Contains(group)).ToList();
        return parents.Count == 0 ? 0 : 1 + parents.Max(Depth);
    }

    private IEnumerable<string> Expand(string group) => raw[group].Hosts.Concat(raw[group].Children.SelectMany(Expand));

    private static void CheckCycle(InventoryReader reader,
        Dictionary<string, (YamlMappingNode? Body, List<(string Name, YamlNode Node)> Hosts, List<(string Name, YamlNode Node)> Children)> nodes,
        string group, List<string> path)
    {
        path.Add(group);
        foreach (var (child, node) in nodes[group].Children)
        {
            if (path.Contains(child))
                throw reader.Error(node, $"groups form a cycle: {string.Join(" → ", path.SkipWhile(p => p != child).Append(child))}.");
            CheckCycle(reader, nodes, child, path);
        }
        path.RemoveAt(path.Count - 1);
    }

    private static List<(string Name, YamlNode Node)> Names(InventoryReader reader, YamlNode? node, string key) =>
        node is null ? [] : (reader.StringList(node, key) ?? []).Zip(((YamlSequenceNode)node).Children, (n, item) => (n, item)).ToList();

    private static Dictionary<string, JsonNode?> VarsOf(InventoryReader reader, YamlNode? node)
    {
        var vars = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (node is null || InventoryReader.IsNull(node)) return vars;
        foreach (var (key, value) in reader.Mapping(node, "'vars'").Children)
            vars[reader.Key(key, "a variable name").Value!] = YamlJson.ToJson(value, reader);
        return vars;
    }
}
