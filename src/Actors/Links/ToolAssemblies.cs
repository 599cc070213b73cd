using System.Reflection;
using System.Runtime.Loader;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Links;

/// <summary>Which assemblies travel to the agent, and their images.</summary>
internal static class ToolAssemblies
{
    // The agent has the shared framework and everything in its own bundle; those are never sent.
    private static readonly string FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    private static readonly HashSet<string> BundledNames = new(StringComparer.OrdinalIgnoreCase)
    {
        typeof(ToolAttribute).Assembly.GetName().Name!, "Rmote.Tools", "Microsoft.Extensions.Logging.Abstractions",
    };

    /// <summary>Whether <paramref name="assembly"/> must be sent before its tools can run on the agent.</summary>
    public static bool NeedsSync(Assembly assembly) =>
        !BundledNames.Contains(assembly.GetName().Name ?? "") && !IsFramework(assembly);

    /// <summary>The assembly's image as loaded by the host.</summary>
    /// <exception cref="NotSupportedException">The assembly has no file (dynamic or loaded from bytes).</exception>
    public static byte[] ReadImage(Assembly assembly) =>
        assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)
            ? throw new NotSupportedException("it was not loaded from a file (dynamic or in-memory assemblies cannot be shipped)")
            : File.ReadAllBytes(assembly.Location);

    /// <summary>
    /// The image of the assembly the agent asked for, if the host has it: one already loaded, or one the host's default
    /// load context can resolve (the application's own dependencies). Framework assemblies are never sent.
    /// </summary>
    public static byte[]? FindDependency(string fullName)
    {
        AssemblyName wanted;
        try
        {
            wanted = new AssemblyName(fullName);
        }
        catch (Exception failure) when (failure is ArgumentException or FileLoadException)
        {
            return null;
        }
        var found = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(wanted, a.GetName()))
            ?? TryLoad(wanted);
        if (found is null || IsFramework(found) || found.IsDynamic || string.IsNullOrEmpty(found.Location)) return null;
        try
        {
            return File.ReadAllBytes(found.Location);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // Loaded here, but its file is gone or unreadable: answer "not found" (the agent fails that one call
            // naming the assembly) rather than failing the whole connection.
            return null;
        }
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (Exception failure) when (failure is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static bool IsFramework(Assembly assembly) =>
        !assembly.IsDynamic && !string.IsNullOrEmpty(assembly.Location)
        && string.Equals(Path.GetDirectoryName(assembly.Location), FrameworkDirectory, StringComparison.Ordinal);
}
