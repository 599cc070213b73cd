namespace Rmote.Tools;

/// <summary>What <see cref="Transfer.DigestAsync"/> found at a path.</summary>
/// <param name="Kind">A regular file or a directory (anything else is refused).</param>
/// <param name="Size">The file's size in bytes (0 for a directory).</param>
/// <param name="Sha256">The file's SHA-256, lower-case hex (empty for a directory).</param>
/// <param name="Mode">Its permission bits.</param>
public sealed record FileDigest(FileType Kind, long Size, string Sha256, UnixFileMode Mode);
