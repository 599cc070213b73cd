using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

/// <summary>
/// Where each incoming frame goes. Runs on the reader's pump, so it only does cheap work: a table lookup for call
/// responses, an answer to PING, a LOG record written, a Tell for everything else.
/// </summary>
internal sealed class FrameRouter(Func<Link> link, IActorRef correlator, IActorRef toolSync, LogForwarder logs,
    LinkActivity activity, Func<string> describeExit, ILogger logger)
{
    /// <summary>Handles one frame from the agent.</summary>
    public void Route(in Frame frame)
    {
        activity.FrameReceived();
        if (frame.IsResponse)
        {
            if (frame.Has(FrameFlags.Rpc))
            {
                if (!link().Calls.TryComplete(frame) && !link().Streams.TryEnd(frame)) correlator.Tell(new RpcCorrelator.UnmatchedResponse(frame), ActorRefs.NoSender);
            }
            else if (frame.Has(FrameFlags.Sync)) toolSync.Tell(new ToolSync.Incoming(frame), ActorRefs.NoSender);
            else if (frame.Has(FrameFlags.Pong)) { /* liveness only: any frame proves the agent is alive */ }
            else logger.LogWarning("Ignoring an unexpected response from the agent: {Frame}", frame);
        }
        else if (frame.Has(FrameFlags.StreamItem))
        {
            // An item of a stream its consumer left: the agent stops at the CANCEL it was sent.
            if (!link().Streams.TryDeliver(frame))
            {
                frame.ReturnLease();
                logger.LogDebug("Dropping an item of stream {Id}, which nobody reads", frame.Id);
            }
        }
        else if (frame.Has(FrameFlags.StreamDemand))
        {
            if (!link().Inputs.TryGrant(frame.Id, StreamMessages.ReadDemand(frame))) logger.LogDebug("Dropping demand for call {Id}, which sends no input", frame.Id);
        }
        else if (frame.Has(FrameFlags.Log)) logs.Forward(frame);
        else if (frame.IsRequest && frame.Has(FrameFlags.Dependency)) toolSync.Tell(new ToolSync.Incoming(frame), ActorRefs.NoSender);
        else if (frame.IsRequest && frame.Has(FrameFlags.Ping)) link().TrySend(ProtocolMessages.Pong(frame));
        else logger.LogWarning("Ignoring an unexpected frame from the agent: {Frame}", frame);
    }

    /// <summary>The failure for an agent that closed its output: it exited, was killed, or closed its stdout.</summary>
    public ConnectionLostException EndOfStream() => new($"The agent on {link().Target} closed the connection{describeExit()}.");
}
