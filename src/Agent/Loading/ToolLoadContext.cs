using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Rmote.Agent.Loading;

/// <summary>
/// The collectible load context holding every tool assembly synced to this agent. The BCL, Rmote.Protocol and the
/// agent's own dependencies (everything on the trusted platform assembly list) are shared with the agent, so
/// <see cref="Rmote.ToolAttribute"/> and <see cref="Rmote.ToolContext"/> are the same types on both sides. Any other
/// dependency is asked from the host once and cached. The built-in tools (Rmote.Tools) ship with the agent: they are
/// never synced, and calls find them in the agent's own load context.
/// </summary>
internal sealed class ToolLoadContext : AssemblyLoadContext
{
    private readonly ConcurrentDictionary<string, Assembly> loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<AssemblyName, byte[]?> requestFromHost;
    private HashSet<string>? sharedNames;

    /// <summary>Creates the context; <paramref name="requestFromHost"/> fetches a missing dependency (null: the host has none).</summary>
    public ToolLoadContext(Func<AssemblyName, byte[]?> requestFromHost)
        : base("rmote-tools", isCollectible: true) => this.requestFromHost = requestFromHost;

    /// <summary>The tool assembly with this simple name — the built-in tools or a synced assembly — if any.</summary>
    public Assembly? Find(string simpleName) =>
        string.Equals(simpleName, BuiltInTools.AssemblyName, StringComparison.OrdinalIgnoreCase) ? BuiltInTools.Assembly : loaded.GetValueOrDefault(simpleName);

    /// <summary>
    /// Loads an assembly image. Loading an assembly whose name is already loaded returns the loaded one, so a repeated
    /// SYNC is harmless: the name is taken from the loaded copy (reading it from the image first would need
    /// System.Reflection.Metadata, which costs a first SYNC milliseconds and two assemblies' worth of resident memory),
    /// and a repeat's copy stays unused — as much memory as a SYNC of a new assembly, which a host may always send.
    /// </summary>
    public Assembly LoadImage(byte[] image)
    {
        Assembly assembly;
        try
        {
            assembly = LoadFromStream(new MemoryStream(image, writable: false));
        }
        catch (BadImageFormatException failure)
        {
            throw new BadImageFormatException($"The synced bytes are not a .NET assembly: {failure.Message}", failure);
        }

        return loaded.GetOrAdd(assembly.GetName().Name!, assembly);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || IsShared(name))
        {
            return null;
        }

        if (loaded.TryGetValue(name, out var known))
        {
            return known;
        }

        return requestFromHost(assemblyName) is { Length: > 0 } image ? LoadImage(image) : null;
    }

    // The first dependency of the first tool (its System.Runtime reference) gets here: a loop, not LINQ, so that
    // System.Linq is not loaded for it.
    private bool IsShared(string name)
    {
        if (sharedNames is null)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }

            sharedNames = names;
        }

        return sharedNames.Contains(name);
    }
}
