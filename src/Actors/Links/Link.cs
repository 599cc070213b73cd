using Rmote.Actors.Connection;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Links;

/// <summary>
/// The hot path of one live link (one agent incarnation), made by the <see cref="LinkActor"/> once the agent is
/// connected and published by the connection. A call registers in the correlator's table, puts its frame in the
/// writer's bounded queue and awaits the response — no actor hop on the way out or back. Everything slow or stateful
/// (first SYNC of an assembly, cancellation, failures, the link's lifecycle) goes through the actors.
/// </summary>
internal sealed partial class Link
{
    private readonly FrameSink outgoing;
    private readonly SemaphoreSlim inFlight;
    private readonly IActorRef correlator;
    private readonly ILogger logger;
    private long lastId;

    public Link(string target, int? processId, FrameSink outgoing, PendingCalls calls, ToolSyncClient toolSync,
        IActorRef correlator, ConnectionSettings settings)
    {
        Target = target;
        ProcessId = processId;
        this.outgoing = outgoing;
        Calls = calls;
        ToolSync = toolSync;
        this.correlator = correlator;
        Settings = settings;
        inFlight = new SemaphoreSlim(settings.MaxCallsInFlight, settings.MaxCallsInFlight);
        logger = settings.LoggerFactory.CreateLogger("Rmote.Connection");
    }

    /// <summary>The connection target, for messages.</summary>
    public string Target { get; }

    /// <summary>The agent's (or ssh client's) process id.</summary>
    public int? ProcessId { get; }

    /// <summary>Pending calls of this link.</summary>
    public PendingCalls Calls { get; }

    /// <summary>Open streaming calls of this link.</summary>
    public PendingStreams Streams { get; } = new();

    /// <summary>Which assemblies this link has synced.</summary>
    public ToolSyncClient ToolSync { get; }

    /// <summary>The settings the link was made with.</summary>
    public ConnectionSettings Settings { get; }

    /// <summary>Whether the link is down (every call on it fails with <see cref="PendingTable{T}.ClosedReason"/>).</summary>
    public bool IsClosed => Calls.ClosedReason is not null;

    /// <summary>The next request id of the host's own counter (REQUEST frames of every kind share it).</summary>
    public ulong NextId() => (ulong)Interlocked.Increment(ref lastId);

    /// <summary>The last request id issued (a response naming a larger id answers nothing this host sent).</summary>
    public ulong LastId => (ulong)Interlocked.Read(ref lastId);

    /// <summary>Queues a frame for the writer, waiting when its queue is full.</summary>
    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken) =>
        outgoing.TrySend(frame) ? ValueTask.CompletedTask : SendSlowAsync(frame, cancellationToken);

    /// <summary>Best-effort one-way send (CANCEL, PONG): dropped when the link is down or the queue is full.</summary>
    public bool TrySend(Frame frame) => outgoing.TrySend(frame);

    /// <summary>
    /// Calls <paramref name="method"/> with the request payload <paramref name="arguments"/> (its encoded arguments,
    /// see <see cref="ToolMethod.EncodeArguments"/>) and returns its decoded result.
    /// <paramref name="limit"/> (<see langword="null"/>: none) bounds everything: the first sync, waiting for a free
    /// in-flight slot, sending and the answer.
    /// </summary>
    public async Task<object?> InvokeAsync(ToolMethod method, ReadOnlyMemory<byte> arguments, TimeSpan? limit, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (method.IsStream) throw NotACall(method);
        if (cancellationToken.IsCancellationRequested) throw Cancelled(cancellationToken);   // nothing is sent
        using var deadline = limit is { } span ? StartDeadline(span, cancellationToken) : null;
        var token = deadline?.Token ?? cancellationToken;
        Task synced;
        try
        {
            // Not waiting for the agent's reply to a first SYNC: the request goes right behind it (one round trip saved).
            synced = await ToolSync.SyncAheadAsync(method.ToolType.Assembly, token).ConfigureAwait(false);
            if (!inFlight.Wait(0)) await inFlight.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline is { IsCancellationRequested: true })
        {
            throw TimedOut(limit!.Value);
        }
        try
        {
            var id = NextId();
            var request = new Frame(FrameFlags.Request | FrameFlags.Rpc, id, arguments);
            var call = Calls.Register(id);
            Watch(call, token, limit, cancellationToken);
            try
            {
                // A call its caller gave up on already (token cancelled before we got here) is never sent.
                if (!call.Task.IsCompleted) await SendAsync(request, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The watch has already ended the call with the right exception (timeout or cancellation).
            }
            var response = await call.Task.ConfigureAwait(false);
            if (response.IsException && !synced.IsCompletedSuccessfully) await RefusalFirstAsync(synced, token).ConfigureAwait(false);
            return method.DecodeResult(response);
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>
    /// A call sent right behind its assembly's SYNC fails on an agent that refused the SYNC (it finds no such tool): the
    /// refusal — the agent's reason, say a <see cref="BadImageFormatException"/> — is the clearer answer, so it is
    /// thrown instead when the SYNC failed. The agent replies to a SYNC before it reads the request behind it, so that
    /// reply has been read already; only its hop through the sync actor may still be under way.
    /// </summary>
    private static async Task RefusalFirstAsync(Task synced, CancellationToken token)
    {
        try
        {
            await synced.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Timed out or cancelled meanwhile: the call's own failure stands.
        }
    }

    /// <summary>Ends the link: every pending and later call fails with <paramref name="reason"/>; the writer stops.</summary>
    public void Close(Exception reason) => Close(reason, farewell: null);

    /// <summary>
    /// Ends the link for good (the connection is disposed): pending calls fail with <paramref name="reason"/> first —
    /// so no reply to a call the agent is about to cancel can arrive — then SHUTDOWN is queued as the last frame, so
    /// the agent exits promptly instead of waiting for its stdin to close or for a signal.
    /// </summary>
    public void ShutDown(Exception reason)
    {
        shutDownRequested = true;   // read by the link's actor, on another thread
        Close(reason, ProtocolMessages.Shutdown());
    }

    /// <summary>Whether the agent was asked to exit (<see cref="ShutDown"/>): its leaving afterwards is no failure.</summary>
    public bool ShutDownRequested => shutDownRequested;

    private volatile bool shutDownRequested;

    private void Close(Exception reason, Frame? farewell)
    {
        if (IsClosed) return;
        Calls.Close(reason);
        Streams.Close(reason);
        ToolSync.Close(reason);
        if (farewell is { } last) outgoing.TrySend(last);
        outgoing.Complete();
        logger.LogDebug("Link to {Target} closed: {Reason}", Target, reason.Message);
    }

    private void ThrowIfClosed()
    {
        if (Calls.ClosedReason is { } reason) throw reason;
    }

    private static CancellationTokenSource StartDeadline(TimeSpan limit, CancellationToken cancellationToken)
    {
        var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        return timer;
    }

    private OperationCanceledException Cancelled(CancellationToken cancellationToken) =>
        new($"The call to {Target} was cancelled.", cancellationToken);

    private TimeoutException TimedOut(TimeSpan limit) =>
        new($"The call to {Target} did not complete within {limit.TotalMilliseconds:0} ms.");

    /// <summary>
    /// Arms the call's token (the caller's, linked with the timeout): when it fires the call ends at once (the caller
    /// does not wait for the agent) and the correlator is told, which sends CANCEL so the tool's token is cancelled
    /// remotely. A reply arriving later is dropped.
    /// </summary>
    private void Watch(PendingCall call, CancellationToken token, TimeSpan? limit, CancellationToken cancellationToken)
    {
        if (!token.CanBeCanceled) return;
        call.Registration = token.Register(() =>
        {
            Exception failure = cancellationToken.IsCancellationRequested ? Cancelled(cancellationToken) : TimedOut(limit!.Value);
            if (Calls.TryFail(call.Id, failure)) correlator.Tell(new RpcCorrelator.CallAbandoned(call.Id, failure), ActorRefs.NoSender);
        });
        if (call.Task.IsCompleted) call.Registration.Dispose();
    }

    private async ValueTask SendSlowAsync(Frame frame, CancellationToken cancellationToken)
    {
        try
        {
            await outgoing.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ThrowIfClosed();
            throw new ConnectionLostException($"The link to {Target} is closed.");
        }
    }
}
