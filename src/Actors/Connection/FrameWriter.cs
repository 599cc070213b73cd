using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

/// <summary>
/// Owns the stream to the agent through a <see cref="FrameSink"/>: senders write small frames inline when the stream
/// is idle, otherwise into the sink's bounded queue (the writer's mailbox for frames, and the backpressure), which this
/// actor's pump drains in batches — one write and one flush per batch. A write failure is this actor's failure, which
/// its parent turns into the connection's end.
/// </summary>
internal sealed class FrameWriter : ReceiveActor
{
    private readonly FrameSink sink;
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The pump ended; <see cref="Failure"/> is null when the sink was completed normally.</summary>
    private sealed record PumpEnded(Exception? Failure);

    public FrameWriter(FrameSink sink)
    {
        this.sink = sink;
        Receive<PumpEnded>(ended =>
        {
            if (ended.Failure is { } failure)
                throw new ConnectionLostException($"Writing to the agent failed: {failure.Message}", failure);
        });
    }

    protected override void PreStart()
    {
        var self = Self;
        _ = Task.Run(() => sink.RunAsync(stopping.Token)).ContinueWith(
            t => self.Tell(new PumpEnded(t.IsFaulted ? t.Exception.GetBaseException() : null), ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override void PostStop()
    {
        stopping.Cancel();
        sink.Complete();
    }
}
