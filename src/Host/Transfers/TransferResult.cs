namespace Rmote;

/// <summary>What a transfer did.</summary>
/// <param name="Path">The destination path.</param>
/// <param name="Changed">Whether the destination changed (false: it had the same SHA-256 and settings already).</param>
/// <param name="Bytes">Bytes copied (0 when skipped).</param>
/// <param name="Sha256">The content's SHA-256, lower-case hex (empty for a directory).</param>
/// <param name="Elapsed">How long it took, compare included.</param>
public sealed record TransferResult(string Path, bool Changed, long Bytes, string Sha256, TimeSpan Elapsed);
