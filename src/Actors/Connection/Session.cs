using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Connection;

/// <summary>
/// The hot path of one live link, published by the <see cref="ConnectionActor"/> once the agent is connected. A call
/// registers in the correlator's table, puts its frame in the writer's bounded queue and awaits the response — no
/// actor hop on the way out or back. Everything slow or stateful (first SYNC of an assembly, cancellation, failures,
/// the link's lifecycle) goes through the actors.
/// </summary>
internal sealed class Session
{
    private readonly FrameSink outgoing;
    private readonly SemaphoreSlim inFlight;
    private readonly IActorRef correlator;
    private readonly ILogger logger;
    private long lastId;

    public Session(string target, int? processId, FrameSink outgoing, PendingCalls calls, ToolSyncClient toolSync,
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

    /// <summary>Which assemblies this link has synced.</summary>
    public ToolSyncClient ToolSync { get; }

    /// <summary>The settings the link was made with.</summary>
    public ConnectionSettings Settings { get; }

    /// <summary>Whether the link is down (every call on it fails with <see cref="PendingCalls.ClosedReason"/>).</summary>
    public bool IsClosed => Calls.ClosedReason is not null;

    /// <summary>The next request id of the host's own counter (REQUEST frames of every kind share it).</summary>
    public ulong NextId() => (ulong)Interlocked.Increment(ref lastId);

    /// <summary>Queues a frame for the writer, waiting when its queue is full.</summary>
    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken) =>
        outgoing.TrySend(frame) ? ValueTask.CompletedTask : SendSlowAsync(frame, cancellationToken);

    /// <summary>Best-effort one-way send (CANCEL, PONG): dropped when the link is down or the queue is full.</summary>
    public bool TrySend(Frame frame) => outgoing.TrySend(frame);

    /// <summary>Calls <paramref name="method"/> with <paramref name="arguments"/> and returns its decoded result.</summary>
    public async Task<object?> InvokeAsync(ToolMethod method, object?[] arguments, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        await ToolSync.EnsureSyncedAsync(method.ToolType.Assembly, cancellationToken).ConfigureAwait(false);
        if (!inFlight.Wait(0)) await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = NextId();
            var request = method.CreateRequest(id, arguments);
            var call = Calls.Register(id);
            using var deadline = Watch(call, timeout ?? Settings.CallTimeout, cancellationToken);
            // A call its caller gave up on already (token cancelled before we got here) is never sent.
            if (!call.Task.IsCompleted) await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var response = await call.Task.ConfigureAwait(false);
            return method.DecodeResult(response);
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>Ends the link: every pending and later call fails with <paramref name="reason"/>; the writer stops.</summary>
    public void Close(Exception reason)
    {
        if (IsClosed) return;
        Calls.Close(reason);
        ToolSync.Close(reason);
        outgoing.Complete();
        logger.LogDebug("Link to {Target} closed: {Reason}", Target, reason.Message);
    }

    private void ThrowIfClosed()
    {
        if (Calls.ClosedReason is { } reason) throw reason;
    }

    /// <summary>
    /// Arms the caller's token and the call timeout: whichever fires first ends the call at once (the caller does not
    /// wait for the agent) and tells the correlator, which sends CANCEL so the tool's token is cancelled remotely.
    /// </summary>
    private CancellationTokenSource? Watch(PendingCall call, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is null && !cancellationToken.CanBeCanceled) return null;
        CancellationTokenSource? timer = null;
        var token = cancellationToken;
        if (timeout is { } limit)
        {
            timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(limit);
            token = timer.Token;
        }
        call.Registration = token.Register(() =>
        {
            Exception failure = cancellationToken.IsCancellationRequested
                ? new OperationCanceledException($"The call to {Target} was cancelled.", cancellationToken)
                : new TimeoutException($"The call to {Target} did not complete within {timeout!.Value.TotalMilliseconds:0} ms.");
            if (Calls.TryFail(call.Id, failure)) correlator.Tell(new RpcCorrelator.CallAbandoned(call.Id, failure), ActorRefs.NoSender);
        });
        if (call.Task.IsCompleted) call.Registration.Dispose();
        return timer;
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
