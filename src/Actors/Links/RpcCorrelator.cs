using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// Owns the link's <see cref="PendingCalls"/>. Callers register and the reader completes directly in the table (the
/// round trip stays free of actor hops); the actor handles what is not on that path: a call abandoned by its caller
/// (cancelled or timed out) gets a CANCEL frame so the tool's token fires on the agent, a response nobody waits for
/// is logged and dropped, and when the link goes down every call still waiting ends.
/// </summary>
internal sealed class RpcCorrelator : ReceiveActor
{
    private readonly Func<Link> link;
    private readonly ILogger logger;

    /// <summary>The caller gave up on call <see cref="Id"/>; the agent should stop working on it.</summary>
    public sealed record CallAbandoned(ulong Id, Exception Reason);

    /// <summary>A response frame whose id matches no waiting call.</summary>
    public sealed record UnmatchedResponse(Frame Frame);

    public RpcCorrelator(Func<Link> link, ILogger logger)
    {
        this.link = link;
        this.logger = logger;
        Receive<CallAbandoned>(OnAbandoned);
        Receive<UnmatchedResponse>(OnUnmatched);
    }

    protected override void PostStop()
    {
        var reason = link().Calls.ClosedReason ?? new ConnectionLostException($"The connection to {link().Target} was closed.");
        link().Calls.Close(reason);
        link().Streams.Close(reason);
    }

    private void OnUnmatched(UnmatchedResponse unmatched)
    {
        var frame = unmatched.Frame;
        if (frame.Id == 0 || frame.Id > link().LastId)
            logger.LogWarning("Ignoring a response for request id {Id}, which this host never sent ({Frame})", frame.Id, frame);
        else
            // After a cancel or timeout the agent's late reply lands here by design: quiet unless someone looks.
            logger.LogDebug("Dropping a response for request id {Id} that no call is waiting for ({Frame})", frame.Id, frame);
    }

    private void OnAbandoned(CallAbandoned abandoned)
    {
        logger.LogDebug("Call {Id} abandoned by its caller ({Reason}); sending CANCEL", abandoned.Id, abandoned.Reason.GetType().Name);
        link().TrySend(ProtocolMessages.Cancel(abandoned.Id));
    }
}
