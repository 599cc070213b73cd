using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

/// <summary>
/// Pumps frames from the agent and routes each one: responses to calls straight into the correlation table, everything
/// else to the actor that owns it. The end of the stream or a protocol error is this actor's failure; its parent turns
/// it into the connection's end, so no pending call is left waiting.
/// </summary>
internal sealed class FrameReader : ReceiveActor
{
    private readonly FrameDecoder decoder;
    private readonly FrameRouter router;
    private readonly CancellationTokenSource stopping = new();

    private sealed record PumpEnded(Exception Failure);

    public FrameReader(FrameDecoder decoder, FrameRouter router)
    {
        this.decoder = decoder;
        this.router = router;
        Receive<PumpEnded>(ended => throw ended.Failure);
    }

    protected override void PreStart()
    {
        var self = Self;
        _ = Task.Run(PumpAsync).ContinueWith(
            t => self.Tell(new PumpEnded(t.Exception!.GetBaseException()), ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    protected override void PostStop() => stopping.Cancel();

    private async Task PumpAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var frame = await decoder.ReadFrameAsync(token).ConfigureAwait(false);
            if (frame is not { } received) throw await router.EndOfStreamAsync().ConfigureAwait(false);
            router.Route(received);
        }
    }
}
