using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Rmote.Transports;

/// <summary>
/// A started transport process whose stdin/stdout carry (or are about to carry) the agent protocol: the local agent
/// itself, or ssh/sudo/any command after the bootstrap has exec'd the agent on the other side. Owns the process:
/// disposing closes stdin, waits briefly, then SIGTERM, then SIGKILL (whole tree), and always reaps it.
/// </summary>
internal sealed class ProcessAgentTransport : AgentTransport
{
    private static readonly TimeSpan GracefulExit = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TerminateExit = TimeSpan.FromSeconds(1);

    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private readonly Task _stderrPump;
    private readonly ILogger _logger;
    private readonly Lazy<Task> _disposal;
    private readonly int _processId;

    private ProcessAgentTransport(Process process, string target, ILogger logger) : base(target)
    {
        _process = process;
        _logger = logger;
        _processId = process.Id;
        Input = process.StandardInput.BaseStream;
        Output = new AgentOutputStream(process.StandardOutput.BaseStream);
        Exited = WaitForExitCodeAsync(process);
        _stderrPump = PumpStderrAsync(process.StandardError.BaseStream);
        _disposal = new Lazy<Task>(ShutDownAsync);
    }

    /// <inheritdoc />
    public override int? ProcessId => _processId;

    /// <summary>The process, for callers that need more than <see cref="ProcessId"/>.</summary>
    public Process Process => _process;

    /// <summary>Writes to the agent (the process's stdin).</summary>
    public override Stream Input { get; }

    /// <summary>Reads from the agent (the process's stdout), positioned right after the bootstrap's last line.</summary>
    public override AgentOutputStream Output { get; }

    /// <summary>Completes with the exit code once the process has exited and been reaped.</summary>
    public override Task<int> Exited { get; }

    /// <summary>The last 64 KiB the process wrote to stderr (ssh's messages, runtime errors), as text.</summary>
    public override string StandardErrorTail => _stderr.Text;

    /// <summary>
    /// Starts <paramref name="command"/> (argv; no shell involved) with stdin, stdout and stderr redirected.
    /// A program that cannot be started at all is a <see cref="ConnectFailureReason.TransportFailed"/>.
    /// </summary>
    public static ProcessAgentTransport Start(IReadOnlyList<string> command, string target, ILogger logger)
    {
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("The command must name a program to run.", nameof(command));
        var startInfo = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1)) startInfo.ArgumentList.Add(argument);
        try
        {
            var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException($"Process.Start returned no process for '{command[0]}'.");
            logger.LogDebug("started {Target} as pid {Pid}: {Command}", target, process.Id, string.Join(' ', command));
            return new ProcessAgentTransport(process, target, logger);
        }
        catch (Win32Exception e)
        {
            throw new RmoteConnectException(ConnectFailureReason.TransportFailed, target,
                $"could not start '{command[0]}': {e.Message}. Is it installed and on PATH?", innerException: e);
        }
    }

    /// <summary>Kills the process tree at once (connect timeout, cancellation); disposal still reaps it.</summary>
    public override void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited (or never fully started): nothing left to kill.
        }
    }

    /// <summary>
    /// Waits (bounded) for the process to finish and its stderr to drain, then returns the stderr tail: the best text
    /// to show after the process failed. Never throws.
    /// </summary>
    public override async Task<string> ReadFinalStandardErrorAsync(TimeSpan wait)
    {
        await Task.WhenAny(Task.WhenAll(Exited, _stderrPump), Task.Delay(wait)).ConfigureAwait(false);
        return _stderr.Text;
    }

    /// <summary>Closes stdin, waits briefly, SIGTERM, waits, SIGKILL; always reaps. Safe to call more than once.</summary>
    public override ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task ShutDownAsync()
    {
        try
        {
            await Input.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The reader is gone already (broken pipe): closing was the point anyway.
        }

        if (!await ExitsWithinAsync(GracefulExit).ConfigureAwait(false))
        {
            _logger.LogDebug("{Target} (pid {Pid}) still running after stdin closed: SIGTERM", Target, _processId);
            ProcessSignals.Terminate(_processId);
            if (!await ExitsWithinAsync(TerminateExit).ConfigureAwait(false))
            {
                _logger.LogDebug("{Target} (pid {Pid}) ignored SIGTERM: SIGKILL", Target, _processId);
                Kill();
                await Exited.ConfigureAwait(false);
            }
        }
        // A grandchild may still hold stderr open; don't wait for it beyond a moment.
        await Task.WhenAny(_stderrPump, Task.Delay(200)).ConfigureAwait(false);
        await Output.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan wait) =>
        await Task.WhenAny(Exited, Task.Delay(wait)).ConfigureAwait(false) == Exited;

    private static async Task<int> WaitForExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    private async Task PumpStderrAsync(Stream stderr)
    {
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stderr.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                _stderr.Append(buffer.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process: the tail keeps what arrived.
        }
    }
}
