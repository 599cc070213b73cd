namespace Rmote.Demo;

/// <summary>Size and free space of a file system, as seen by the agent.</summary>
/// <param name="Path">The path asked about.</param>
/// <param name="Total">Total size in bytes.</param>
/// <param name="Free">Bytes available to the agent's user.</param>
public sealed record DiskUsage(string Path, long Total, long Free);
