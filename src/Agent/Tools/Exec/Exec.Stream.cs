using System.Runtime.CompilerServices;

namespace Rmote.Tools;

// Programs whose output is streamed line by line while they run (call them with StreamAsync).
public static partial class Exec
{
    // How many of the last stderr lines a RemoteProcessException carries, and how long each may be in it.
    private const int ErrorLinesKept = 20;
    private const int ErrorLineChars = 4096;

    /// <summary>
    /// Runs <paramref name="args"/> (no shell) and yields its output line by line as it is written: stdout and stderr
    /// lines interleaved in the order the agent reads them (each stream's own lines stay in order). A slow consumer
    /// slows the program down (it blocks writing to a full pipe) instead of filling memory. Cancelling the call (the
    /// host leaving its <c>await foreach</c>) kills the program and its descendants.
    /// </summary>
    /// <remarks>
    /// A program writing to a pipe usually buffers its stdout (4–64 KiB) unless it flushes each line; run it under
    /// <c>stdbuf -oL</c> to see lines as they are produced. Lines are UTF-8 (invalid bytes become U+FFFD) without
    /// their line break; a line longer than 1 MiB comes in pieces of at most 1 MiB. The stream ends when the program
    /// has exited and both pipes are closed.
    /// </remarks>
    /// <param name="args">The program (looked up in PATH) and its arguments.</param>
    /// <param name="check">
    /// End with <see cref="RemoteProcessException"/> (after all the lines) when the exit code is not 0; when false, the
    /// last item reports the exit code instead (<see cref="OutputLine.ExitCode"/>).
    /// </param>
    /// <param name="env">Variables added to, or overriding, the agent's environment.</param>
    /// <param name="cwd">The working directory; the agent's when null.</param>
    /// <param name="input">Text written to the program's stdin (then closed); empty when null.</param>
    /// <param name="cancellationToken">Stops the program (given by the agent: the call's token).</param>
    /// <exception cref="RemoteProcessException">The exit code is not 0 and <paramref name="check"/> is true; its <c>StandardError</c> holds the last 20 stderr lines.</exception>
    /// <exception cref="FileNotFoundException">The program does not exist or is not on PATH (<c>FileName</c> names it).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="cwd"/> does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The program is not executable.</exception>
    public static IAsyncEnumerable<OutputLine> StreamAsync(
        string[] args, bool check = true, IReadOnlyDictionary<string, string>? env = null, string? cwd = null, string? input = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return StreamLinesAsync(args, string.Join(' ', args), shell: false, check, env, cwd, input, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="expression"/> with <c>/bin/sh -c</c> and yields its output line by line, as
    /// <see cref="StreamAsync"/> does (append <c>2&gt;&amp;1</c> to get both streams as stdout, in the exact order
    /// written).
    /// </summary>
    /// <param name="expression">The shell script.</param>
    /// <param name="check">End with <see cref="RemoteProcessException"/> when the exit code is not 0 (127: a command the script cannot find); when false, the last item reports the exit code.</param>
    /// <param name="env">Variables added to, or overriding, the agent's environment.</param>
    /// <param name="cwd">The working directory; the agent's when null.</param>
    /// <param name="input">Text written to the shell's stdin (then closed); empty when null.</param>
    /// <param name="cancellationToken">Stops the shell and its children (given by the agent: the call's token).</param>
    /// <exception cref="RemoteProcessException">The exit code is not 0 and <paramref name="check"/> is true.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="cwd"/> does not exist.</exception>
    public static IAsyncEnumerable<OutputLine> ShellStreamAsync(
        string expression, bool check = true, IReadOnlyDictionary<string, string>? env = null, string? cwd = null, string? input = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(expression);
        return StreamLinesAsync([expression], expression, shell: true, check, env, cwd, input, cancellationToken);
    }

    private static async IAsyncEnumerable<OutputLine> StreamLinesAsync(
        string[] command, string commandLine, bool shell, bool check, IReadOnlyDictionary<string, string>? env, string? cwd, string? input,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var errors = new Queue<string>(ErrorLinesKept);
        await using var output = new ProcessLines(RemoteProcess.StartRedirected(command, env?.ToDictionary(), cwd, shell), input, cancellationToken);
        await foreach (var line in output.Lines.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (line.IsError)
            {
                if (errors.Count == ErrorLinesKept) errors.Dequeue();
                errors.Enqueue(line.Text.Length <= ErrorLineChars ? line.Text : string.Concat(line.Text.AsSpan(0, ErrorLineChars), "…"));
            }

            yield return line;
        }

        var exitCode = await output.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (!check)
        {
            yield return new OutputLine(false, "", exitCode);
        }
        else if (exitCode != 0)
        {
            throw new RemoteProcessException(exitCode, commandLine, errors.Count == 0 ? "" : string.Join('\n', errors) + "\n");
        }
    }
}
