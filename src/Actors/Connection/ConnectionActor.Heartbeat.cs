using Microsoft.Extensions.Logging;
using Rmote.Protocol.Messages;

namespace Rmote.Actors.Connection;

// Liveness: an agent that stops answering (SIGSTOP, a hung network, a wedged process) is declared dead.
internal sealed partial class ConnectionActor
{
    private ICancelable? heartbeat;
    private long lastSeen = -1;
    private int unanswered;

    /// <summary>Scheduled every heartbeat interval while the link is up.</summary>
    private sealed record HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }

    private void StartHeartbeat()
    {
        if (settings.HeartbeatInterval is not { } interval) return;
        heartbeat = Context.System.Scheduler.ScheduleTellRepeatedly(interval, interval, Self, HeartbeatTick.Instance, Self);
    }

    /// <summary>
    /// A frame since the last tick: all is well. A silent interval: PING, and after
    /// <see cref="ConnectionSettings.MissedHeartbeats"/> unanswered PINGs the link is dead — its pending calls fail now and
    /// this actor fails, which the supervisor turns into a reconnect or the connection's end.
    /// </summary>
    private void OnHeartbeat()
    {
        if (session is not { IsClosed: false } live) return;
        var received = activity.Received;
        if (received != lastSeen)
        {
            lastSeen = received;
            unanswered = 0;
            return;
        }
        if (unanswered >= settings.MissedHeartbeats)
        {
            var dead = new ConnectionLostException(
                $"The agent on {live.Target} did not answer {unanswered} heartbeats ({settings.HeartbeatInterval!.Value.TotalMilliseconds:0} ms apart); the link is considered dead.");
            logger.LogWarning("{Reason}", dead.Message);
            LinkFailed(dead);
            throw dead;
        }
        unanswered++;
        live.TrySend(ProtocolMessages.Ping(live.NextId()));
    }
}
