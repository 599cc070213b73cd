using Rmote.Actors.Connection;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Links;

// Liveness: an agent that stops answering (SIGSTOP, a hung network, a wedged process) is declared dead.
internal sealed partial class LinkActor
{
    private const string HeartbeatKey = "heartbeat";
    private long lastSeen = -1;
    private int unanswered;

    /// <summary>Every heartbeat interval while the link is up (a keyed timer: it dies with the actor).</summary>
    private sealed record HeartbeatTick : IDeadLetterSuppression
    {
        public static readonly HeartbeatTick Instance = new();
    }

    /// <summary>
    /// A frame since the last tick: all is well. A silent interval: PING, and after
    /// <see cref="ConnectionSettings.MissedHeartbeats"/> unanswered PINGs the link is dead — its pending calls
    /// fail now and the incarnation ends, which the connection turns into a reconnect or its end.
    /// </summary>
    private void OnHeartbeat()
    {
        if (link is not { IsClosed: false } live) return;
        var received = activity.Received;
        if (received != lastSeen)
        {
            lastSeen = received;
            unanswered = 0;
            return;
        }
        if (unanswered >= settings.MissedHeartbeats)
        {
            Fail(new ConnectionLostException(
                $"The agent on {live.Target} did not answer {unanswered} heartbeats ({settings.HeartbeatInterval!.Value.TotalMilliseconds:0} ms apart); the link is considered dead."));
            return;
        }
        unanswered++;
        live.TrySend(ProtocolMessages.Ping(live.NextId()));
    }
}
