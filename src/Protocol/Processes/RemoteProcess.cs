using System.ComponentModel;
using System.Diagnostics;

namespace Rmote;

/// <summary>
/// Runs child processes from a tool. The child's stdin is empty (immediate end of file) unless <c>input</c> is
/// given; stdout and stderr are captured only when asked, otherwise inherited — which on the agent is /dev/null, so a
/// child can never write into the protocol stream.
/// </summary>
public static class RemoteProcess
{
    /// <summary>
    /// Runs <paramref name="command"/> to completion. When the current call is cancelled
    /// (<see cref="ToolContext.CancellationToken"/>) the process tree is killed and
    /// <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    /// <param name="command">The program and its arguments; with <paramref name="shell"/> the words joined by spaces form a <c>/bin/sh -c</c> script.</param>
    /// <param name="input">Text written to the child's stdin, which is then closed.</param>
    /// <param name="captureOutput">Capture stdout and stderr into the result instead of inheriting them.</param>
    /// <param name="environment">Variables added to (or overriding) the inherited environment.</param>
    /// <param name="workingDirectory">The child's working directory; the agent's current directory when <see langword="null"/>.</param>
    /// <param name="shell">Run the command through <c>/bin/sh -c</c>.</param>
    /// <param name="check">Throw <see cref="RemoteProcessException"/> when the exit code is not zero.</param>
    /// <returns>The exit code and, when captured, the output.</returns>
    /// <exception cref="ArgumentException"><paramref name="command"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">
    /// The program (<c>command[0]</c>, or <c>/bin/sh</c> with <paramref name="shell"/>) does not exist or is not on PATH;
    /// <see cref="FileNotFoundException.FileName"/> names it. (With <paramref name="shell"/>, a missing program inside the
    /// script is the shell's exit code 127 instead.)
    /// </exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="workingDirectory"/> does not exist or is not a directory.</exception>
    /// <exception cref="UnauthorizedAccessException">The program is not executable (permission denied).</exception>
    /// <exception cref="Win32Exception">The program could not be started for another reason (e.g. not a valid executable).</exception>
    /// <exception cref="RemoteProcessException">The exit code is not zero and <paramref name="check"/> is true.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled; the process tree was killed.</exception>
    public static ProcessResult Run(
        string[] command,
        string? input = null,
        bool captureOutput = false,
        IDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        bool shell = false,
        bool check = false)
    {
        var commandLine = CommandLine(command);
        var startInfo = CreateStartInfo(command, commandLine, captureOutput, environment, workingDirectory, shell);
        var cancellationToken = ToolContext.CancellationToken;
        using var process = Start(startInfo, commandLine, workingDirectory);
        var result = WaitAsync(process, input, captureOutput, cancellationToken).GetAwaiter().GetResult();
        if (check && result.ExitCode != 0)
        {
            throw new RemoteProcessException(result.ExitCode, commandLine, result.StandardError);
        }

        return result;
    }

    /// <summary>
    /// Starts <paramref name="command"/> with stdin, stdout and stderr redirected, for a caller that reads the output
    /// as it comes (Exec's streaming methods); the caller owns the process, its pipes and its lifetime. Throws what
    /// <see cref="Run"/> throws for a program that cannot be started.
    /// </summary>
    internal static Process StartRedirected(string[] command, IDictionary<string, string>? environment, string? workingDirectory, bool shell)
    {
        var commandLine = CommandLine(command);
        return Start(CreateStartInfo(command, commandLine, captureOutput: true, environment, workingDirectory, shell), commandLine, workingDirectory);
    }

    private static string CommandLine(string[] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Length == 0
            ? throw new ArgumentException("The command must name a program.", nameof(command))
            : string.Join(' ', command);
    }

    // Process.Start reports a missing program and a missing working directory alike, as Win32Exception ENOENT: say
    // which, with the exception types File and Directory APIs use (as Python's subprocess does).
    private static Process Start(ProcessStartInfo startInfo, string commandLine, string? workingDirectory)
    {
        const int NoSuchFile = 2, PermissionDenied = 13;
        var program = startInfo.FileName;
        if (!string.IsNullOrEmpty(workingDirectory) && !Directory.Exists(workingDirectory))
        {
            throw MissingDirectory(workingDirectory, commandLine, null);
        }

        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        }
        catch (Win32Exception failure) when (failure.NativeErrorCode == NoSuchFile)
        {
            if (!string.IsNullOrEmpty(workingDirectory) && !Directory.Exists(workingDirectory))
            {
                throw MissingDirectory(workingDirectory, commandLine, failure);
            }

            var where = program.Contains('/', StringComparison.Ordinal) ? "does not exist" : "was not found on PATH";
            throw new FileNotFoundException($"Cannot run '{commandLine}': the program '{program}' {where}.", program, failure);
        }
        catch (Win32Exception failure) when (failure.NativeErrorCode == PermissionDenied)
        {
            throw new UnauthorizedAccessException($"Cannot run '{commandLine}': the program '{program}' is not executable (permission denied).", failure);
        }
    }

    private static DirectoryNotFoundException MissingDirectory(string workingDirectory, string commandLine, Exception? inner) =>
        new($"Cannot run '{commandLine}': the working directory '{workingDirectory}' does not exist or is not a directory.", inner);

    private static ProcessStartInfo CreateStartInfo(
        string[] command,
        string commandLine,
        bool captureOutput,
        IDictionary<string, string>? environment,
        string? workingDirectory,
        bool shell)
    {
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            // Always redirected so the child never reads from whatever stdin this process has; closing it gives EOF.
            RedirectStandardInput = true,
            RedirectStandardOutput = captureOutput,
            RedirectStandardError = captureOutput,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        if (shell)
        {
            startInfo.FileName = "/bin/sh";
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(commandLine);
        }
        else
        {
            startInfo.FileName = command[0];
            foreach (var argument in command.AsSpan(1))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private static async Task<ProcessResult> WaitAsync(Process process, string? input, bool captureOutput, CancellationToken cancellationToken)
    {
        // Output is drained concurrently with writing the input so that neither pipe can fill up and deadlock.
        var standardOutput = captureOutput ? process.StandardOutput.ReadToEndAsync(cancellationToken) : null;
        var standardError = captureOutput ? process.StandardError.ReadToEndAsync(cancellationToken) : null;
        try
        {
            await WriteInputAsync(process, input, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessResult(
                process.ExitCode,
                standardOutput is null ? null : await standardOutput.ConfigureAwait(false),
                standardError is null ? null : await standardError.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Writes <paramref name="input"/> (if any) to the child's stdin and closes it; a child that exits without reading it all is not an error.</summary>
    internal static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        var stdin = process.StandardInput;
        try
        {
            if (!string.IsNullOrEmpty(input))
            {
                await stdin.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            stdin.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of its input (broken pipe): that is its business, not an error.
        }
    }
}
