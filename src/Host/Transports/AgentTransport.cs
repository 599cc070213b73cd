namespace Rmote.Transports;

/// <summary>
/// A transport whose input and output carry (or are about to carry) the agent protocol: a process's stdin/stdout
/// (<see cref="ProcessAgentTransport"/>: the local agent, ssh, sudo, any command) or an SSH channel in this process
/// (<see cref="SshNet.SshNetConnector"/>). Owns what it runs: disposing ends it within a bounded time.
/// </summary>
internal abstract class AgentTransport : IAsyncDisposable
{
    protected AgentTransport(string target) => Target = target;

    /// <summary>The target as shown to users and in errors: <c>local</c>, <c>ssh user@host</c>, a command line.</summary>
    public string Target { get; }

    /// <summary>The transport process's id (ssh's, sudo's, or the local agent's); <c>null</c> for an in-process channel.</summary>
    public abstract int? ProcessId { get; }

    /// <summary>Writes to the agent.</summary>
    public abstract Stream Input { get; }

    /// <summary>Reads from the agent, positioned right after the bootstrap's last line.</summary>
    public abstract AgentOutputStream Output { get; }

    /// <summary>Completes with the exit code once the agent side has ended (process reaped, channel closed).</summary>
    public abstract Task<int> Exited { get; }

    /// <summary>The last 64 KiB written to stderr (ssh's messages, runtime errors), as text.</summary>
    public abstract string StandardErrorTail { get; }

    /// <summary>
    /// When the connect timeout runs out: the protocol handshake that follows must finish by then (the transport
    /// has used part of <see cref="RmoteOptions.ConnectTimeout"/> already).
    /// </summary>
    public DateTimeOffset ConnectDeadline { get; internal set; }

    /// <summary>True if this connect uploaded the agent bundle (false: it was cached on the target, or local).</summary>
    public bool Uploaded { get; internal set; }

    /// <summary>Ends the transport at once (connect timeout, cancellation): every pending read and write ends; disposal still cleans up.</summary>
    public abstract void Kill();

    /// <summary>
    /// Waits (bounded) for the transport to end and its stderr to drain, then returns the stderr tail: the best text
    /// to show after it failed. Never throws.
    /// </summary>
    public abstract Task<string> ReadFinalStandardErrorAsync(TimeSpan wait);

    /// <summary>
    /// The error for "the agent went away before the protocol handshake" (EOF while waiting for
    /// <c>PROTOCOL READY</c>): exit code and stderr included. For the connection layer's handshake.
    /// </summary>
    public async Task<RmoteConnectException> CreateExitedEarlyExceptionAsync()
    {
        var stderr = await ReadFinalStandardErrorAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var status = Exited.IsCompletedSuccessfully ? $"exited with code {Exited.Result}" : "closed its output";
        return new RmoteConnectException(ConnectFailureReason.AgentExitedEarly, Target,
            $"the agent {status} before the protocol handshake. Its stderr (below) says why; a damaged agent cache "
            + "entry is re-uploaded on the next connect.", stderr);
    }

    /// <summary>Ends the transport gracefully, escalating within a bounded time. Safe to call more than once.</summary>
    public abstract ValueTask DisposeAsync();
}
