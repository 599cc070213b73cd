namespace Rmote.Bootstrap;

/// <summary>One file of an <see cref="AgentBundle"/>.</summary>
/// <param name="RelativePath">Path inside the bundle, '/'-separated.</param>
/// <param name="Length">Size in bytes.</param>
internal sealed record BundleFile(string RelativePath, long Length);
