using Microsoft.Extensions.Logging;
using Rmote.Agent.Diagnostics;
using Rmote.Agent.Dispatch;
using Rmote.Agent.Loading;
using Rmote.Agent.Logging;
using Rmote.Agent.Transport;
using Rmote.Protocol.Framing;

namespace Rmote.Agent;

/// <summary>
/// The agent's one connection: handshake, then a read loop that dispatches each frame — RPC calls to the thread pool,
/// SYNC inline (so a call pipelined right behind its SYNC finds the assembly), responses to the agent's own
/// dependency requests, CANCEL and PING — while <see cref="FrameOutbox"/> batches everything written back. The
/// session ends when the host closes the stream, sends SHUTDOWN or breaks the protocol, or when a tool asks the agent
/// to exit (the built-in Quit tool): then, once that call's reply is queued, the agent stops serving — the blocked
/// read of the pipe is abandoned, not cancelled, as a synchronous pipe read cannot be — sends what is queued and exits
/// with the requested code.
/// </summary>
internal sealed partial class AgentSession : IDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    // How long cancelled calls get to end (kill their processes, run their finally blocks) before the agent exits.
    private static readonly TimeSpan CallGrace = TimeSpan.FromSeconds(2);

    private readonly Stream input;
    private readonly AgentOptions options;
    private readonly FrameOutbox outbox;
    private readonly CancellationTokenSource closing = new();
    private readonly TaskCompletionSource<int> exitRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FrameLoggerProvider loggers;
    private readonly ILogger logger;
    private readonly DependencyRequests dependencies;
    private readonly ToolLoadContext tools;
    private readonly ToolResolver resolver;
    private readonly CallRegistry calls;
    private ExitRequest? exitRequest;
    private volatile bool exiting;

    public AgentSession(Stream input, Stream output, AgentOptions options)
    {
        this.input = input;
        this.options = options;
        outbox = new FrameOutbox(output, options.Codec);
        loggers = new FrameLoggerProvider(outbox, options.LogLevel);
        logger = loggers.CreateLogger("Rmote.Agent");
        dependencies = new DependencyRequests(outbox, logger);
        tools = new ToolLoadContext(dependencies.Request);
        resolver = new ToolResolver(tools);
        calls = new CallRegistry(closing.Token);
    }

    /// <summary>
    /// Serves the connection until it ends; returns the process exit code. Our handshake line has been written
    /// already (Program writes it first thing); this reads the host's.
    /// </summary>
    public async Task<int> RunAsync()
    {
        var writer = outbox.RunAsync(CancellationToken.None);
        var decoder = new FrameDecoder(input, options.Codec);
        int exitCode;
        try
        {
            using (var handshake = new CancellationTokenSource(options.HandshakeTimeout))
            {
                // A read of the pipe cannot be cancelled (a blocking read on a pool thread): at the timeout the read
                // is abandoned, and the agent exits without it.
                await Handshake.ReadAsync(decoder, handshake.Token).AsTask().WaitAsync(options.HandshakeTimeout).ConfigureAwait(false);
            }
            StartupTimeline.Mark("host line read");
            ToolContext.UseLoggerProvider(loggers);
            ToolInput.UseSender(outbox.PostAsync);
            BuiltInTools.InstallHooks(loggers.ExchangeMinimumLevel, RequestExit);
            AppDomain.CurrentDomain.UnhandledException += (_, e) => logger.LogCritical(e.ExceptionObject as Exception, "Unhandled exception in the agent");
            var served = await Task.WhenAny(ReadLoopAsync(decoder), exitRequested.Task).ConfigureAwait(false);
            exitCode = await served.ConfigureAwait(false);
        }
        catch (ConnectionLostException)
        {
            exitCode = 1;
        }
        catch (Exception failure) when (failure is ProtocolException or OperationCanceledException or TimeoutException)
        {
            // Too much noise before the handshake, or none at all within the timeout: not a host we can talk to.
            exitCode = 2;
        }

        await CloseAsync(writer).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>
    /// Releases the session's own resources. The protocol streams are left alone: they wrap descriptors that live
    /// as long as the process (disposing the output pipe stream can block on a host that stopped reading).
    /// </summary>
    public void Dispose()
    {
        ToolContext.UseLoggerProvider(null);
        ToolInput.UseSender(null);
        BuiltInTools.InstallHooks(null, null);
        closing.Dispose();
        loggers.Dispose();
    }

    private async Task<int> ReadLoopAsync(FrameDecoder decoder)
    {
        while (true)
        {
            Frame? next;
            try
            {
                next = await decoder.ReadFrameAsync().ConfigureAwait(false);
            }
            catch (ProtocolException violation)
            {
                logger.LogCritical(violation, "Protocol error; the agent stops");
                return 2;
            }
            catch (IOException)
            {
                return 1;
            }

            if (next is not { } frame)
            {
                return 0;
            }

            if (exiting)
            {
                // A tool asked the agent to exit: nothing read after its reply is served.
                return await exitRequested.Task.ConfigureAwait(false);
            }

            if (!await HandleAsync(frame).ConfigureAwait(false))
            {
                logger.LogDebug("Shutdown requested by the host");
                return 0;
            }
        }
    }

    // The reply of the call that asked is not queued yet: ServeRpcAsync ends the session once it is.
    private void RequestExit(int code) =>
        Volatile.Write(ref exitRequest, new ExitRequest(ToolContext.Current?.RequestId, code));

    /// <summary>The exit the call <paramref name="callId"/> asked for, if any; from now on no new frame is served.</summary>
    private ExitRequest? ExitRequestedBy(ulong callId)
    {
        var exit = Volatile.Read(ref exitRequest);
        if (exit is null || (exit.CallId is not null && exit.CallId != callId))
        {
            return null;
        }

        // Set before the reply is queued: whatever the host sends after seeing the reply is read after this.
        exiting = true;
        return exit;
    }

    /// <summary>Ends the session with the requested code (the reply of the call that asked is queued by now).</summary>
    private void Exit(ExitRequest exit)
    {
        if (exitRequested.TrySetResult(exit.Code))
        {
            logger.LogDebug("Exit requested by a tool (code {Code})", exit.Code);
        }
    }

    /// <summary>A tool asked the agent to exit with <paramref name="Code"/> after the reply to <paramref name="CallId"/>.</summary>
    private sealed record ExitRequest(ulong? CallId, int Code);

    private async Task CloseAsync(Task writer)
    {
        await closing.CancelAsync().ConfigureAwait(false);
        dependencies.CancelAll();
        await calls.DrainAsync(CallGrace).ConfigureAwait(false);
        outbox.Complete();
        try
        {
            await writer.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The host is gone or not reading: there is nobody left to deliver the rest to.
        }
    }
}
