using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

/// <summary>
/// Owns the stream to the agent through a <see cref="FrameSink"/>: senders write small frames inline when the stream
/// is idle, otherwise into the sink's bounded queue (the writer's mailbox for frames, and the backpressure), which this
/// actor's pump drains in batches — one write and one flush per batch. A write failure is this actor's failure, which
/// its parent turns into the connection's end.
/// </summary>
internal sealed class FrameWriter : ReceiveActor
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);

    private readonly FrameSink sink;
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The pump ended; <see cref="Failure"/> is null when the sink was completed normally.</summary>
    private sealed record PumpEnded(Exception? Failure) : IDeadLetterSuppression;

    public FrameWriter(FrameSink sink)
    {
        this.sink = sink;
        Receive<PumpEnded>(ended =>
        {
            if (ended.Failure is { } failure)
                throw new ConnectionLostException($"Writing to the agent failed: {failure.Message}", failure);
        });
    }

    protected override void PreStart() =>
        Task.Run(() => sink.RunAsync(stopping.Token)).PipeTo(Self, success: () => new PumpEnded(null), failure: e => new PumpEnded(e));

    // The pump writes what is queued and ends when the link completes the sink (after queueing a final SHUTDOWN, in
    // the link's PostStop, which runs after this); a peer that stopped reading gets only this long.
    protected override void PostStop() => stopping.CancelAfter(DrainGrace);
}
