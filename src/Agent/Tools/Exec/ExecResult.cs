namespace Rmote.Tools;

/// <summary>The outcome of <see cref="Exec.Command"/> or <see cref="Exec.Shell"/>.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output as UTF-8 text, or null when output was not captured.</param>
/// <param name="Stderr">Standard error as UTF-8 text, or null when output was not captured.</param>
/// <param name="Command">The command line that ran (arguments joined with spaces, or the shell expression).</param>
public sealed record ExecResult(int ExitCode, string? Stdout, string? Stderr, string Command);
