using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

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

    private sealed record PumpEnded(Exception Failure) : IDeadLetterSuppression;

    public FrameReader(FrameDecoder decoder, FrameRouter router)
    {
        this.decoder = decoder;
        this.router = router;
        Receive<PumpEnded>(ended => throw ended.Failure);
    }

    // The pump runs off the actor (it blocks on the stream); how it ended comes back as a message.
    protected override void PreStart() =>
        Task.Run(PumpAsync).PipeTo(Self, success: () => new PumpEnded(new OperationCanceledException()), failure: e => new PumpEnded(e));

    protected override void PostStop() => stopping.Cancel();

    private async Task PumpAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var frame = await decoder.ReadFrameAsync(token).ConfigureAwait(false);
            if (frame is not { } received) throw router.EndOfStream();
            router.Route(received);
        }
    }
}
