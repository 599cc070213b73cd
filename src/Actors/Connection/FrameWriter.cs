using System.Threading.Channels;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

/// <summary>
/// Owns the stream to the agent. Its bounded frame queue is the writer's mailbox for frames: senders put frames in
/// (waiting when it is full — that is the backpressure), and one pump drains whatever is queued into a single batch,
/// written and flushed with one call. A write failure is this actor's failure, which its parent turns into the
/// connection's end.
/// </summary>
internal sealed class FrameWriter : ReceiveActor
{
    // A batch is cut at this size so one burst of large frames doesn't hold everything else back for long.
    private const long MaxBatchBytes = 1024 * 1024;

    private readonly Stream stream;
    private readonly ChannelReader<Frame> queue;
    private readonly FrameCodecOptions codec;
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The pump ended; <see cref="Failure"/> is null when the queue was completed normally.</summary>
    private sealed record PumpEnded(Exception? Failure);

    public FrameWriter(Stream stream, ChannelReader<Frame> queue, FrameCodecOptions codec)
    {
        this.stream = stream;
        this.queue = queue;
        this.codec = codec;
        Receive<PumpEnded>(ended =>
        {
            if (ended.Failure is { } failure)
                throw new ConnectionLostException($"Writing to the agent failed: {failure.Message}", failure);
        });
    }

    /// <summary>Creates the bounded queue a writer drains.</summary>
    public static Channel<Frame> CreateQueue(int capacity) => Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = false,
    });

    protected override void PreStart()
    {
        var self = Self;
        _ = Task.Run(PumpAsync).ContinueWith(
            t => self.Tell(new PumpEnded(t.Exception?.GetBaseException()), ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override void PostStop() => stopping.Cancel();

    private async Task PumpAsync()
    {
        using var encoder = new FrameEncoder(codec);
        var token = stopping.Token;
        try
        {
            while (await queue.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (encoder.PendingBytes < MaxBatchBytes && queue.TryRead(out var frame)) encoder.Append(frame);
                await encoder.FlushAsync(stream, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped by the connection: not a failure.
        }
    }
}
