namespace Rmote.Cli;

/// <summary>One mounted file system.</summary>
/// <param name="Mount">Where it is mounted.</param>
/// <param name="Type">The file system type.</param>
/// <param name="Total">Size, bytes.</param>
/// <param name="Free">Free for unprivileged users, bytes.</param>
public sealed record DiskFact(string Mount, string Type, long Total, long Free);
