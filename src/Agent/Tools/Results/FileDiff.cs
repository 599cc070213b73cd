namespace Rmote.Tools;

/// <summary>The outcome of writing a generated file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Changed">Whether anything on disk changed (content, mode).</param>
/// <param name="Diff">A unified diff of the content change; "" when the content was already right.</param>
public sealed record FileDiff(string Path, bool Changed, string Diff);
