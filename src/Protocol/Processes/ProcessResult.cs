namespace Rmote;

/// <summary>The outcome of <see cref="RemoteProcess.Run"/>.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything the process wrote to stdout, or <see langword="null"/> when output was not captured.</param>
/// <param name="StandardError">Everything the process wrote to stderr, or <see langword="null"/> when output was not captured.</param>
public sealed record ProcessResult(int ExitCode, string? StandardOutput, string? StandardError);
