using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Connection;

/// <summary>
/// Where each incoming frame goes. Runs on the reader's pump, so it only does cheap work: a table lookup for call
/// responses, an answer to PING, a Tell for everything else.
/// </summary>
internal sealed class FrameRouter(Func<Session> session, IActorRef correlator, IActorRef toolSync, IActorRef logForwarder,
    Func<Task<string>> describeExit, ILogger logger)
{
    /// <summary>Handles one frame from the agent.</summary>
    public void Route(in Frame frame)
    {
        if (frame.IsResponse)
        {
            if (frame.Has(FrameFlags.Rpc))
            {
                if (!session().Calls.TryComplete(frame)) correlator.Tell(new RpcCorrelator.UnmatchedResponse(frame), ActorRefs.NoSender);
            }
            else if (frame.Has(FrameFlags.Sync)) toolSync.Tell(new ToolSync.Incoming(frame), ActorRefs.NoSender);
            else if (frame.Has(FrameFlags.Pong)) { /* liveness only: any frame proves the agent is alive */ }
            else logger.LogWarning("Ignoring an unexpected response from the agent: {Frame}", frame);
        }
        else if (frame.Has(FrameFlags.Log)) logForwarder.Tell(frame, ActorRefs.NoSender);
        else if (frame.IsRequest && frame.Has(FrameFlags.Dependency)) toolSync.Tell(new ToolSync.Incoming(frame), ActorRefs.NoSender);
        else if (frame.IsRequest && frame.Has(FrameFlags.Ping)) session().TrySend(ProtocolMessages.Pong(frame));
        else logger.LogWarning("Ignoring an unexpected frame from the agent: {Frame}", frame);
    }

    /// <summary>The failure for an agent that closed its output: it exited or was killed.</summary>
    public async Task<ConnectionLostException> EndOfStreamAsync() =>
        new($"The agent on {session().Target} closed the connection{await describeExit().ConfigureAwait(false)}.");
}
