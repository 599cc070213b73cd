using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rmote;

/// <summary>
/// Reads the inventory YAML through YamlDotNet's node model, which keeps every node's position, so each error points
/// at the offending key or value. Unknown keys are errors (a typo such as <c>identityfile</c> would otherwise be
/// ignored silently and the wrong key used).
/// </summary>
internal sealed class InventoryReader(string source, string baseDirectory)
{
    private static readonly string[] TopKeys = ["defaults", "hosts", "groups"];
    private static readonly string[] SshOnlyKeys = ["user", "port", "identity_file", "ssh_options", "jump"];
    private static readonly string[] DefaultKeys = [.. SshOnlyKeys, "dotnet", "agent_cache", "become", "reconnect", "vars"];
    private static readonly string[] HostKeys = [.. DefaultKeys, "ssh", "local", "command"];
    private static readonly string[] GroupKeys = ["hosts", "children", "vars"];

    public FleetInventory Read(TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InventoryException(source, (int)e.Start.Line, (int)e.Start.Column, "malformed YAML: " + (e.InnerException?.Message ?? e.Message), e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw new InventoryException(source, 1, 1, "the inventory is empty; it needs a 'hosts:' mapping (see docs/multi-host.md).");
        if (stream.Documents.Count > 1)
            throw Error(stream.Documents[1].RootNode, "only one YAML document is allowed in an inventory.");

        var root = Mapping(stream.Documents[0].RootNode, "the inventory");
        CheckKeys(root, TopKeys, "at the top level");
        var defaults = Value(root, "defaults") is { } d && !IsNull(d) ? Mapping(d, "'defaults'") : null;
        if (defaults is not null) CheckKeys(defaults, DefaultKeys, "in 'defaults'");
        var hostsNode = Value(root, "hosts") ?? throw Error(root, "the inventory has no 'hosts:' mapping.");
        var hostEntries = Mapping(hostsNode, "'hosts'").Children.Select(e => (Name: Key(e.Key, "a host name"), Body: e.Value)).ToList();

        var groups = Value(root, "groups") is { } g && !IsNull(g) ? new GroupGraph(this, Mapping(g, "'groups'"), hostEntries.Select(h => h.Name.Value!).ToList()) : null;
        var hosts = hostEntries.Select(h => ReadHost(h.Name, h.Body, defaults, groups)).ToList();
        return new FleetInventory(source, hosts, groups?.Groups ?? new Dictionary<string, InventoryGroup>());
    }

    private FleetHost ReadHost(YamlScalarNode nameNode, YamlNode body, YamlMappingNode? defaults, GroupGraph? groups)
    {
        var name = nameNode.Value!;
        var map = IsNull(body) ? null : Mapping(body, $"host '{name}'");
        if (map is not null) CheckKeys(map, HostKeys, $"in host '{name}'");
        YamlNode? Setting(string key) => Value(map, key) ?? Value(defaults, key);

        // In file order, so the error points at the second way given.
        var kinds = (map?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!) ?? [])
            .Where(k => k is "ssh" or "local" or "command" && !(k == "local" && Bool(Value(map, k), "local") == false)).ToList();
        if (kinds.Count > 1)
            throw Error(KeyNode(map!, kinds[1]), $"host '{name}' has both '{kinds[0]}' and '{kinds[1]}'; a host is reached one way.");
        var kind = kinds.FirstOrDefault() ?? "ssh";
        if (kind != "ssh" && SshOnlyKeys.FirstOrDefault(k => Value(map, k) is not null) is { } sshOnly)
            throw Error(KeyNode(map!, sshOnly), $"'{sshOnly}' applies to ssh hosts only, and host '{name}' is {(kind == "local" ? "local" : "a command")}.");

        FleetHost host;
        try
        {
            host = kind switch
            {
                "local" => FleetHost.ForLocal(name),
                "command" => FleetHost.ForCommand(name, StringList(Value(map, "command")!, "command")!),
                _ => FleetHost.ForSsh(name, String(Value(map, "ssh"), "ssh") ?? name, SshOptionsOf(map, defaults)),
            };
        }
        catch (ArgumentException e)
        {
            throw Error(kind == "ssh" && Value(map, "ssh") is { } ssh ? ssh : nameNode, e.Message.Split(" (Parameter")[0]);
        }

        var become = String(Setting("become"), "become");
        if (become is not null && kind == "command" && Value(map, "become") is { } explicitBecome)
            throw Error(explicitBecome, $"'become' needs an ssh or local host; for host '{name}' put sudo into its command.");
        var reconnect = Bool(Setting("reconnect"), "reconnect");
        return host with
        {
            Become = kind == "command" ? null : become,
            Jump = kind == "ssh" ? String(Setting("jump"), "jump") : null,
            Dotnet = String(Setting("dotnet"), "dotnet"),
            AgentCacheDirectory = String(Setting("agent_cache"), "agent_cache"),
            Reconnect = reconnect switch { true => ReconnectPolicy.Default, false => ReconnectPolicy.Disabled, null => null },
            Groups = groups?.GroupsOf(name) ?? [],
            Vars = MergeVars(defaults, groups?.VarsFor(name) ?? [], map),
        };
    }

    private SshOptions SshOptionsOf(YamlMappingNode? host, YamlMappingNode? defaults)
    {
        YamlNode? Setting(string key) => Value(host, key) ?? Value(defaults, key);
        var port = Int(Setting("port"), "port");
        if (port is < 1 or > 65535) throw Error(Setting("port")!, $"'port' must be between 1 and 65535, not {port}.");
        var identity = String(Setting("identity_file"), "identity_file");
        // The host's own -o options first: ssh keeps the first value of a setting, so they override the defaults'.
        var options = (StringList(Value(host, "ssh_options"), "ssh_options") ?? []).Concat(StringList(Value(defaults, "ssh_options"), "ssh_options") ?? []);
        return new SshOptions
        {
            User = String(Setting("user"), "user"),
            Port = port,
            IdentityFile = identity is null || identity.StartsWith('~') || Path.IsPathRooted(identity) ? identity : Path.GetFullPath(identity, baseDirectory),
            Options = options.ToList(),
        };
    }

    private Dictionary<string, JsonNode?> MergeVars(YamlMappingNode? defaults, IEnumerable<YamlNode> groupVars, YamlMappingNode? host)
    {
        var vars = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var node in new[] { Value(defaults, "vars") }.Concat(groupVars).Append(Value(host, "vars")))
        {
            if (node is null || IsNull(node)) continue;
            foreach (var (key, value) in Mapping(node, "'vars'").Children)
                vars[Key(key, "a variable name").Value!] = YamlJson.ToJson(value, this);
        }
        return vars;
    }

    // ---- typed access with positions --------------------------------------------------------------------------

    internal InventoryException Error(YamlNode node, string problem) =>
        new(source, (int)node.Start.Line, (int)node.Start.Column, problem);

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    internal YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines), not {Describe(node)}.");

    internal YamlScalarNode Key(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } } scalar ? scalar : throw Error(node, $"{what} must be a plain string, not {Describe(node)}.");

    internal static YamlNode? Value(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static YamlNode KeyNode(YamlMappingNode map, string key) => map.Children.Keys.First(k => k is YamlScalarNode s && s.Value == key);

    internal void CheckKeys(YamlMappingNode map, string[] allowed, string where)
    {
        foreach (var keyNode in map.Children.Keys)
        {
            var key = Key(keyNode, "a key");
            if (!allowed.Contains(key.Value))
                throw Error(key, $"unknown key '{key.Value}' {where}; expected one of: {string.Join(", ", allowed)}.");
        }
    }

    internal string? String(YamlNode? node, string key) => node is null || IsNull(node) ? null
        : node is YamlScalarNode scalar ? scalar.Value
        : throw Error(node, $"'{key}' must be a string, not {Describe(node)}.");

    private int? Int(YamlNode? node, string key) => String(node, key) is not { } text ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw Error(node!, $"'{key}' must be a whole number, not '{text}'.");

    private bool? Bool(YamlNode? node, string key) => String(node, key) switch
    {
        null => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var text => throw Error(node!, $"'{key}' must be true or false, not '{text}'."),
    };

    internal List<string>? StringList(YamlNode? node, string key)
    {
        if (node is null || IsNull(node)) return null;
        if (node is not YamlSequenceNode sequence) throw Error(node, $"'{key}' must be a list of strings, not {Describe(node)}.");
        return sequence.Children.Select(item => item is YamlScalarNode { Value: { } v } && !IsNull(item) ? v
            : throw Error(item, $"every item of '{key}' must be a string, not {Describe(item)}.")).ToList();
    }

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "empty",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
