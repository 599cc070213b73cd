using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Channels;
using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>
/// The output of one running program as lines, for <see cref="Exec.StreamAsync"/>: one reader per pipe cuts what the
/// program writes into lines and queues them in the order they are read. The queue is small and bounded, so when the
/// host stops taking lines the readers stop reading, the pipes fill up and the program blocks in its own
/// <c>write</c>: memory stays bounded however much it writes. Disposing kills the program and its descendants if it
/// is still running (the call was cancelled or the host left the loop).
/// </summary>
internal sealed class ProcessLines : IAsyncDisposable
{
    private const int QueuedLines = 16;
    private const int ReadBlock = 16 * 1024;

    private readonly Process process;
    private readonly CancellationTokenSource stop;
    private readonly Channel<OutputLine> lines = Channel.CreateBounded<OutputLine>(
        new BoundedChannelOptions(QueuedLines) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task readers;

    /// <summary>Starts reading <paramref name="process"/>'s stdout and stderr and writing <paramref name="input"/> to its stdin.</summary>
    public ProcessLines(Process process, string? input, CancellationToken cancellationToken)
    {
        this.process = process;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = RemoteProcess.WriteInputAsync(process, input, stop.Token);
        readers = ReadAllAsync(
            ReadAsync(process.StandardOutput.BaseStream, isError: false, stop.Token),
            ReadAsync(process.StandardError.BaseStream, isError: true, stop.Token),
            stdin);
    }

    /// <summary>The lines of both streams, in the order they were read; complete once both pipes are closed.</summary>
    public ChannelReader<OutputLine> Lines => lines.Reader;

    /// <summary>Waits for the program to exit (after its output ended) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        KillIfRunning();
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await readers.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled, or a pipe broken by the kill: the call is over, nobody is waiting for these lines.
        }

        process.Dispose();
        stop.Dispose();
    }

    private void KillIfRunning()
    {
        try
        {
            // The whole tree, as RemoteProcess.Run does on cancellation: a shell's children die with it.
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception failure) when (failure is InvalidOperationException or Win32Exception)
        {
            // It exited in between.
        }
    }

    private async Task ReadAllAsync(Task stdout, Task stderr, Task stdin)
    {
        try
        {
            await Task.WhenAll(stdout, stderr, stdin).ConfigureAwait(false);
            lines.Writer.TryComplete();
        }
        catch (Exception failure)
        {
            lines.Writer.TryComplete(failure);
            throw;
        }
    }

    private async Task ReadAsync(Stream pipe, bool isError, CancellationToken cancellationToken)
    {
        var splitter = new LineSplitter();
        var buffer = new byte[ReadBlock];
        int read;
        while ((read = await pipe.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            splitter.Feed(buffer.AsMemory(0, read));
            while (splitter.TryTake(out var line))
            {
                await lines.Writer.WriteAsync(new OutputLine(isError, line), cancellationToken).ConfigureAwait(false);
            }
        }

        if (splitter.TryFlush(out var last))
        {
            await lines.Writer.WriteAsync(new OutputLine(isError, last), cancellationToken).ConfigureAwait(false);
        }
    }
}
