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
    public static ProcessResult Run(
        string[] command,
        string? input = null,
        bool captureOutput = false,
        IDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        bool shell = false,
        bool check = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length == 0)
        {
            throw new ArgumentException("The command must name a program.", nameof(command));
        }

        var commandLine = string.Join(' ', command);
        var startInfo = CreateStartInfo(command, commandLine, captureOutput, environment, workingDirectory, shell);
        var cancellationToken = ToolContext.CancellationToken;
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        var result = WaitAsync(process, input, captureOutput, cancellationToken).GetAwaiter().GetResult();
        if (check && result.ExitCode != 0)
        {
            throw new RemoteProcessException(result.ExitCode, commandLine, result.StandardError);
        }

        return result;
    }

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

    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
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
