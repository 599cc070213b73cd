namespace Rmote;

/// <summary>
/// A YAML inventory: hosts with their connection settings and variables, groups (nested), defaults — the format is in
/// docs/multi-host.md. Load one with <see cref="Load"/> and give its hosts to <see cref="RmoteFleet"/>
/// (<see cref="RmoteFleet.Load"/> does both).
/// </summary>
public sealed class FleetInventory
{
    internal FleetInventory(string source, IReadOnlyList<FleetHost> hosts, IReadOnlyDictionary<string, InventoryGroup> groups)
    {
        Source = source;
        Hosts = hosts;
        Groups = groups;
    }

    /// <summary>The file (or source name) the inventory came from.</summary>
    public string Source { get; }

    /// <summary>The hosts, in file order, with their groups and merged variables.</summary>
    public IReadOnlyList<FleetHost> Hosts { get; }

    /// <summary>The groups by name (without the implicit <c>all</c>).</summary>
    public IReadOnlyDictionary<string, InventoryGroup> Groups { get; }

    /// <summary>The hosts matching <paramref name="pattern"/> (see <see cref="HostPattern"/>).</summary>
    /// <exception cref="ArgumentException">The pattern is malformed or a term matches no host and no group.</exception>
    public IReadOnlyList<FleetHost> Select(string pattern) =>
        HostPattern.Select(Hosts, pattern, Groups.Keys.ToHashSet(StringComparer.Ordinal));

    /// <summary>Reads the inventory file at <paramref name="path"/>. Relative identity files are relative to its folder.</summary>
    /// <exception cref="InventoryException">The inventory is invalid (the message starts with <c>file:line:column:</c>).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static FleetInventory Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Inventory file '{path}' not found.", full);
        using var reader = File.OpenText(full);
        return new InventoryReader(path, Path.GetDirectoryName(full)!).Read(reader);
    }

    /// <summary>Parses inventory YAML held in memory; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InventoryException">The inventory is invalid.</exception>
    public static FleetInventory Parse(string yaml, string source = "inventory", string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        using var reader = new StringReader(yaml);
        return new InventoryReader(source, baseDirectory ?? Directory.GetCurrentDirectory()).Read(reader);
    }
}
