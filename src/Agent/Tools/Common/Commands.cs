using Microsoft.Extensions.Logging;

namespace Rmote.Tools.Common;

/// <summary>
/// Runs the programs the tools drive (systemctl, useradd, apt-get, ...) with output captured, logging each command
/// line at Debug under the tool's category. <see cref="Check"/> turns a non-zero exit into
/// <see cref="RemoteProcessException"/> carrying the command and its stderr.
/// </summary>
internal sealed class Commands(string category, IReadOnlyDictionary<string, string>? environment = null)
{
    private readonly Dictionary<string, string>? environment = environment?.ToDictionary();

    /// <summary>Runs <paramref name="command"/>; returns its exit code and output whatever the exit code.</summary>
    public ProcessResult Run(params string[] command)
    {
        ToolContext.CreateLogger(category).LogDebug("Running {Command}", string.Join(' ', command));
        return RemoteProcess.Run(command, captureOutput: true, environment: environment);
    }

    /// <summary>Runs <paramref name="command"/> and returns its stdout.</summary>
    /// <exception cref="RemoteProcessException">The command exited with a non-zero code.</exception>
    public string Check(params string[] command)
    {
        var result = Run(command);
        return result.ExitCode == 0
            ? result.StandardOutput ?? string.Empty
            : throw new RemoteProcessException(result.ExitCode, string.Join(' ', command), result.StandardError);
    }

    /// <summary>Runs <paramref name="command"/>; true when it exits with 0 (a query such as <c>systemctl is-active</c>).</summary>
    public bool Succeeds(params string[] command) => Run(command).ExitCode == 0;
}
