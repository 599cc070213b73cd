namespace Rmote.Tools;

/// <summary>One line a program wrote, as <see cref="Exec.StreamAsync"/> and <see cref="Exec.ShellStreamAsync"/> yield it.</summary>
/// <param name="IsError">The line came from standard error (otherwise standard output).</param>
/// <param name="Text">
/// The line as UTF-8 text without its line break (invalid bytes become U+FFFD); a line longer than 1 MiB comes as
/// several items of at most 1 MiB. Empty in the exit item.
/// </param>
/// <param name="ExitCode">
/// Null for a line. Set only in the last item when the stream was started with <c>check: false</c>: that item is not
/// output, it reports how the program exited.
/// </param>
public sealed record OutputLine(bool IsError, string Text, int? ExitCode = null);
