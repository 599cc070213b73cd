namespace Rmote.Tools;

/// <summary>
/// Runs programs on the target. The child's stdin is empty unless <c>input</c> is given; its environment is the
/// agent's, extended (not replaced) by <c>env</c>. A failure with <c>check</c> (the default) throws
/// <see cref="RemoteProcessException"/>, whose message carries the command and its stderr. A program that cannot be
/// started throws what <see cref="RemoteProcess.Run"/> does: <see cref="FileNotFoundException"/> naming a missing
/// program, <see cref="DirectoryNotFoundException"/> for a missing working directory,
/// <see cref="UnauthorizedAccessException"/> for a program that is not executable.
/// </summary>
[Tool]
public static partial class Exec
{
    /// <summary>Runs <paramref name="args"/> (program and arguments, no shell involved).</summary>
    /// <param name="args">The program (looked up in PATH) and its arguments.</param>
    /// <param name="check">Throw <see cref="RemoteProcessException"/> when the exit code is not 0.</param>
    /// <param name="env">Variables added to, or overriding, the agent's environment.</param>
    /// <param name="cwd">The working directory; the agent's when null.</param>
    /// <param name="input">Text written to the child's stdin.</param>
    /// <param name="capture">Capture stdout and stderr into the result; otherwise they are discarded.</param>
    /// <exception cref="RemoteProcessException">The exit code is not 0 and <paramref name="check"/> is true.</exception>
    /// <exception cref="FileNotFoundException">The program does not exist or is not on PATH (<c>FileName</c> names it).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="cwd"/> does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The program is not executable.</exception>
    public static ExecResult Command(
        string[] args, bool check = true, IReadOnlyDictionary<string, string>? env = null, string? cwd = null, string? input = null, bool capture = true)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Run(args, string.Join(' ', args), shell: false, check, env, cwd, input, capture);
    }

    /// <summary>Runs <paramref name="expression"/> with <c>/bin/sh -c</c> (pipes, redirections, variables).</summary>
    /// <param name="expression">The shell script.</param>
    /// <param name="check">Throw <see cref="RemoteProcessException"/> when the exit code is not 0.</param>
    /// <param name="env">Variables added to, or overriding, the agent's environment.</param>
    /// <param name="cwd">The working directory; the agent's when null.</param>
    /// <param name="input">Text written to the shell's stdin.</param>
    /// <param name="capture">Capture stdout and stderr into the result; otherwise they are discarded.</param>
    /// <exception cref="RemoteProcessException">The exit code is not 0 and <paramref name="check"/> is true (a command the script cannot find is exit code 127).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="cwd"/> does not exist.</exception>
    public static ExecResult Shell(
        string expression, bool check = true, IReadOnlyDictionary<string, string>? env = null, string? cwd = null, string? input = null, bool capture = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(expression);
        return Run([expression], expression, shell: true, check, env, cwd, input, capture);
    }

    private static ExecResult Run(
        string[] command, string commandLine, bool shell, bool check, IReadOnlyDictionary<string, string>? env, string? cwd, string? input, bool capture)
    {
        var result = RemoteProcess.Run(command, input, capture, env?.ToDictionary(), cwd, shell, check: false);
        return check && result.ExitCode != 0
            ? throw new RemoteProcessException(result.ExitCode, commandLine, result.StandardError)
            : new ExecResult(result.ExitCode, result.StandardOutput, result.StandardError, commandLine);
    }
}
