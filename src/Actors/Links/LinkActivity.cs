namespace Rmote.Actors.Links;

/// <summary>
/// Counts the frames received on a link: the reader bumps it for every frame (one plain write on its single thread),
/// the heartbeat compares it between ticks. Any frame is a sign of life, so a busy link never needs a PING.
/// </summary>
internal sealed class LinkActivity
{
    private long received;

    /// <summary>Frames received so far.</summary>
    public long Received => Volatile.Read(ref received);

    /// <summary>Called by the reader for each frame.</summary>
    public void FrameReceived() => Volatile.Write(ref received, received + 1);
}
