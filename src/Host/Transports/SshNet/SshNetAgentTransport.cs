using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace Rmote.Transports.SshNet;

/// <summary>
/// An exec channel (<c>sh</c>, no PTY) on a shared SSH.NET session as the agent's stdin/stdout. SSH.NET's output
/// stream has no backpressure and its stream calls block threads, so stdin, stdout and stderr are each pumped by a
/// dedicated thread through bounded pipes: a writer that outruns the agent waits asynchronously (and the heartbeat
/// fails the link if the agent stalls), never a pool thread. A channel that ends without an exit status (the session
/// died, a signal) counts as failed.
/// </summary>
internal sealed class SshNetAgentTransport : AgentTransport
{
    /// <summary>The exit code reported when the channel closed without an exit status.</summary>
    public const int NoExitStatus = 255;

    private const int PumpChunk = 64 * 1024;
    private static readonly TimeSpan GracefulExit = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SignalExit = TimeSpan.FromSeconds(1);
    private static readonly PipeOptions Bounded = new(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20,
        minimumSegmentSize: PumpChunk, useSynchronizationContext: false);

    private readonly SshCommand _command;
    private readonly SshNetSessions.Lease _lease;
    private readonly ILogger _logger;
    private readonly Pipe _toAgent = new(Bounded);
    private readonly Pipe _fromAgent = new(Bounded);
    private readonly StderrTail _stderr = new();
    private readonly TaskCompletionSource _pumpsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<Task> _disposal;
    private int _killed;
    private int _pumpsRunning = 3;

    private SshNetAgentTransport(SshCommand command, Task execution, Stream channelInput, SshNetSessions.Lease lease,
        string target, ILogger logger) : base(target)
    {
        _command = command;
        _lease = lease;
        _logger = logger;
        Input = _toAgent.Writer.AsStream();
        Output = new AgentOutputStream(_fromAgent.Reader.AsStream());
        Exited = ExitCodeAsync(execution);
        StartPump("in", () => PumpInput(channelInput));
        StartPump("out", () => PumpOutput(command.OutputStream));
        StartPump("err", () => PumpError(command.ExtendedOutputStream));
        _disposal = new Lazy<Task>(ShutDownAsync);
    }

    /// <inheritdoc />
    public override int? ProcessId => null;

    /// <inheritdoc />
    public override Stream Input { get; }

    /// <inheritdoc />
    public override AgentOutputStream Output { get; }

    /// <inheritdoc />
    public override Task<int> Exited { get; }

    /// <inheritdoc />
    public override string StandardErrorTail => _stderr.Text;

    /// <summary>
    /// Opens the channel and runs <paramref name="remoteCommand"/> (<see cref="RemoteShell.For"/>) on it (blocking:
    /// SSH.NET waits for the channel confirmation — call it off the caller's thread). A refused channel throws SSH.NET's
    /// exception; the caller may mark the session full.
    /// </summary>
    public static SshNetAgentTransport Start(SshNetSessions.Lease lease, string remoteCommand, string target, ILogger logger)
    {
        var command = lease.Client.CreateCommand(remoteCommand);
        try
        {
            var execution = command.ExecuteAsync();
            var input = command.CreateInputStream();
            logger.LogDebug("{Target}: exec channel open", target);
            return new SshNetAgentTransport(command, execution, input, lease, target, logger);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) == 1) return;
        _toAgent.Reader.CancelPendingRead(); // the input pump stops (sending nothing more) and closes its side
        // Disposing closes the channel (waiting up to ChannelCloseTimeout): never on the caller's or a pool thread.
        BlockingWork.Start("rmote-sshnet-close", _command.Dispose,
            e => _logger.LogDebug("{Target}: closing the channel failed: {Error}", Target, e.Message));
    }

    /// <inheritdoc />
    public override async Task<string> ReadFinalStandardErrorAsync(TimeSpan wait)
    {
        await Task.WhenAny(Task.WhenAll(Exited, _pumpsDone.Task), Task.Delay(wait)).ConfigureAwait(false);
        return _stderr.Text;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task ShutDownAsync()
    {
        // The pump sends what is queued, then EOF: the agent exits. (The writer side stays the caller's: the pipe is not
        // thread-safe for a Complete racing a write.)
        _toAgent.Reader.CancelPendingRead();
        if (!await ExitsWithinAsync(GracefulExit).ConfigureAwait(false))
        {
            _logger.LogDebug("{Target} still running after stdin closed: SIGKILL", Target);
            try
            {
                _command.CancelAsync(forceKill: true, millisecondsTimeout: (int)SignalExit.TotalMilliseconds);
            }
            catch (Exception e)
            {
                _logger.LogDebug("{Target}: signal failed: {Error}", Target, e.Message);
            }
            await ExitsWithinAsync(SignalExit).ConfigureAwait(false);
        }
        Kill();
        // A pump stuck inside SSH.NET past the bound must not keep a reader waiting: its read ends (cancelled) instead.
        if (await Task.WhenAny(_pumpsDone.Task, Task.Delay(SignalExit)).ConfigureAwait(false) != _pumpsDone.Task)
            _fromAgent.Reader.CancelPendingRead();
        _lease.Release();
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan wait) =>
        await Task.WhenAny(Exited, Task.Delay(wait)).ConfigureAwait(false) == Exited;

    private async Task<int> ExitCodeAsync(Task execution)
    {
        try
        {
            await execution.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _stderr.Append(System.Text.Encoding.UTF8.GetBytes($"\nrmote: the SSH channel failed: {e.Message}\n"));
            return NoExitStatus;
        }
        if (_command.ExitStatus is { } status) return status;
        _stderr.Append(System.Text.Encoding.UTF8.GetBytes(
            $"\nrmote: the SSH channel closed without an exit status{(_command.ExitSignal is { } s ? $" (signal {s})" : "")}\n"));
        return NoExitStatus;
    }

    private void StartPump(string name, Action pump)
    {
        var thread = new Thread(() =>
        {
            try
            {
                pump();
            }
            finally
            {
                if (Interlocked.Decrement(ref _pumpsRunning) == 0) _pumpsDone.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "rmote-sshnet-" + name,
        };
        thread.Start();
    }

    // Our bounded pipe → the channel. Write blocks while the remote window is full: that is this thread's job.
    private void PumpInput(Stream channelInput)
    {
        var reader = _toAgent.Reader;
        try
        {
            while (true)
            {
                var result = reader.ReadAsync().AsTask().GetAwaiter().GetResult();
                if (Volatile.Read(ref _killed) == 0)
                    foreach (var segment in result.Buffer) channelInput.Write(segment.Span);
                reader.AdvanceTo(result.Buffer.End);
                // Cancelled: disposal (after what was queued) or a kill (nothing more). Completed: the writer closed.
                if (result.IsCanceled || result.IsCompleted) break;
            }
            channelInput.Dispose(); // EOF to the agent
            reader.Complete();
        }
        catch (Exception e)
        {
            _logger.LogDebug("{Target}: writing to the channel failed: {Error}", Target, e.Message);
            reader.Complete(new IOException("The SSH channel is closed.", e));
        }
    }

    // The channel → our bounded pipe. SSH.NET buffers without limit behind us; reading promptly keeps that small.
    private void PumpOutput(Stream channelOutput)
    {
        var writer = _fromAgent.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(PumpChunk);
                var read = channelOutput.Read(memory.Span);
                if (read == 0) break; // EOF: the channel closed (the agent exited, or the session died)
                writer.Advance(read);
                if (writer.FlushAsync().AsTask().GetAwaiter().GetResult().IsCompleted) break;
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            _logger.LogDebug("{Target}: reading from the channel failed: {Error}", Target, e.Message);
            writer.Complete(new IOException("The SSH channel is closed.", e));
        }
    }

    private void PumpError(Stream channelError)
    {
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = channelError.Read(buffer)) > 0) _stderr.Append(buffer.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The channel went away: the tail keeps what arrived.
        }
    }
}
