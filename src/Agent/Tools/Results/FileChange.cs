namespace Rmote.Tools;

/// <summary>The outcome of a converging file operation.</summary>
/// <param name="Path">The path the operation acted on.</param>
/// <param name="Changed">Whether anything on disk changed (content, mode, owner, existence).</param>
public sealed record FileChange(string Path, bool Changed);
