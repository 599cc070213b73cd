namespace Rmote.Tools;

/// <summary>What the agent did with a transfer it received.</summary>
/// <param name="Changed">Whether anything on disk changed (content, mode or owner).</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="Sha256">The SHA-256 of what was received (lower-case hex; empty for a directory).</param>
public sealed record TransferReceipt(bool Changed, long Bytes, string Sha256);
